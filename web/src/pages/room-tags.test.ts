import { parseTags } from './room-tags';

describe('parseTags', () => {
  test('commas, spaces and hashes all separate tags, however many in a row', () => {
    expect(parseTags('a, b ,c')).toEqual(['a', 'b', 'c']);
    expect(parseTags('#study #math,,  english')).toEqual(['study', 'math', 'english']);
  });

  test('a duplicate is kept once, at its first place', () => {
    expect(parseTags('b, a, b, a')).toEqual(['b', 'a']);
  });

  test('blank or separator-only input gives no tags', () => {
    expect(parseTags('')).toEqual([]);
    expect(parseTags('  ,, # \t\n')).toEqual([]);
  });

  test('Korean tags and tags longer than the server allows pass through: the server judges lengths', () => {
    expect(parseTags('공부,운동')).toEqual(['공부', '운동']);
    expect(parseTags('averyveryverylongtag')).toEqual(['averyveryverylongtag']);
  });
});
