import { parseRoute } from './router';

describe('parseRoute', () => {
  test('a room path gives its numeric id, with or without a trailing slash', () => {
    expect(parseRoute('/room/12')).toEqual({ name: 'room', roomId: 12 });
    expect(parseRoute('/room/7/')).toEqual({ name: 'room', roomId: 7 });
  });

  test('a room path whose id is not a number, or that goes on past the id, is no room', () => {
    expect(parseRoute('/room/abc')).toEqual({ name: 'landing' });
    expect(parseRoute('/room/')).toEqual({ name: 'landing' });
    expect(parseRoute('/room/12/chat')).toEqual({ name: 'landing' });
    expect(parseRoute('/room/-3')).toEqual({ name: 'landing' });
  });

  test('the main page and my page keep their routes under any sub-path', () => {
    expect(parseRoute('/main')).toEqual({ name: 'main' });
    expect(parseRoute('/main/anything')).toEqual({ name: 'main' });
    expect(parseRoute('/mypage')).toEqual({ name: 'mypage' });
  });

  test('unknown paths and the root land on the landing page', () => {
    expect(parseRoute('/')).toEqual({ name: 'landing' });
    expect(parseRoute('')).toEqual({ name: 'landing' });
    expect(parseRoute('/admin')).toEqual({ name: 'landing' });
    expect(parseRoute('/Main')).toEqual({ name: 'landing' });
  });
});
