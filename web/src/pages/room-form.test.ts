import { texts } from '../texts';
import { checkRoomForm } from './room-form';

const ok = { title: 'study', tags: '', isSecret: false, pwd: '' };

describe('checkRoomForm', () => {
  test('a titled open room passes', () => {
    expect(checkRoomForm(ok)).toEqual({});
  });
  test('a blank or over-long title is refused in Korean', () => {
    expect(checkRoomForm({ ...ok, title: '   ' }).title).toBe(texts.errors.required.title);
    expect(checkRoomForm({ ...ok, title: 'x'.repeat(31) }).title).toBe(texts.errors.required.title);
  });
  test('more than 5 tags, or one longer than 8, is refused', () => {
    expect(checkRoomForm({ ...ok, tags: 'a,b,c,d,e,f' }).tags).toBe(texts.errors.required.tags);
    expect(checkRoomForm({ ...ok, tags: 'abcdefghi' }).tags).toBe(texts.errors.required.tags);
    expect(checkRoomForm({ ...ok, tags: 'a, b, c, d, e' })).toEqual({});
  });
  test('a secret room needs a 4-10 character password; an open one ignores it', () => {
    expect(checkRoomForm({ ...ok, isSecret: true, pwd: '123' }).pwd).toBe(texts.errors.required.roomPwd);
    expect(checkRoomForm({ ...ok, isSecret: true, pwd: '12345678901' }).pwd).toBe(texts.errors.required.roomPwd);
    expect(checkRoomForm({ ...ok, isSecret: true, pwd: '1234' })).toEqual({});
    expect(checkRoomForm({ ...ok, pwd: '1' })).toEqual({});
  });
});
