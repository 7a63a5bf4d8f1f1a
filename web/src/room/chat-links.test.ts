import { chatPieces, startsGroup } from './chat-links';

describe('chatPieces', () => {
  test('http(s) links become links, the rest stays text', () => {
    expect(chatPieces('see https://example.com/a?b=1 and http://x.org')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org' },
    ]);
  });

  test('markup, javascript: and mail addresses stay plain text', () => {
    expect(chatPieces('<b>hi</b> javascript:alert(1) a@b.co')).toEqual([{ kind: 'text', text: '<b>hi</b> javascript:alert(1) a@b.co' }]);
  });
});

describe('startsGroup', () => {
  test('the same sender in the same minute continues a group', () => {
    expect(startsGroup(undefined, { userId: 1, time: '10:00' })).toBe(true);
    expect(startsGroup({ userId: 1, time: '10:00' }, { userId: 1, time: '10:00' })).toBe(false);
    expect(startsGroup({ userId: 1, time: '10:00' }, { userId: 2, time: '10:00' })).toBe(true);
    expect(startsGroup({ userId: 1, time: '10:00' }, { userId: 1, time: '10:01' })).toBe(true);
  });
});
