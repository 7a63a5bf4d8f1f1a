import jwt from 'jsonwebtoken';
import { makeUser, uniqueEmail, uniqueNickname } from '../../test/support/factories';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../../test/support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('POST /api/auth/local (sign-up)', () => {
  it('when the body is valid, answers 201 with a token that works and stores a hashed password', async () => {
    const body = { origin: uniqueEmail(), nickname: uniqueNickname(), pwd: 'Plum-Harbor-72' };
    const res = await t.http().post('/api/auth/local').send(body).expect(201);
    expect(res.body).toMatchObject({ isSuccess: true, data: { token: expect.any(String) } });
    const me = await t.http().get('/api/user/me').set('Authorization', `Bearer ${res.body.data.token}`).expect(200);
    expect(me.body.data.user).toMatchObject({ origin: body.origin, nickname: body.nickname, type: 'local', MasterBadge: null });
    expect(me.body.data.user).not.toHaveProperty('pwdHash');
    const [rows] = await t.app.db.sequelize.query('SELECT pwdHash FROM users WHERE origin = ?', { replacements: [body.origin] });
    const hash = (rows as { pwdHash: string }[])[0]!.pwdHash;
    expect(hash).toMatch(/^\$2[aby]\$/);
    expect(hash).not.toContain('Plum-Harbor-72');
  });

  it.each([
    ['a bad email', { origin: 'not-an-email' }, 'origin'],
    ['a one-letter nickname', { nickname: 'a' }, 'nickname'],
    ['a nine-letter nickname', { nickname: 'abcdefghi' }, 'nickname'],
    ['a nickname with specials', { nickname: 'ab!c' }, 'nickname'],
    ['a short password', { pwd: 'short' }, 'pwd'],
    ['a long password', { pwd: 'x'.repeat(17) }, 'pwd'],
    ['a numeric nickname', { nickname: 1234 }, 'nickname'],
  ])('when given %s, answers 400 VALIDATION naming the field and stores nothing', async (_name, patch, field) => {
    const body = { origin: uniqueEmail(), nickname: uniqueNickname(), pwd: 'Plum-Harbor-72', ...patch };
    const res = await t.http().post('/api/auth/local').send(body).expect(400);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'VALIDATION' });
    expect(res.body.msg).toContain(field);
    const [rows] = await t.app.db.sequelize.query('SELECT COUNT(*) AS n FROM users WHERE origin = ?', { replacements: [String(body.origin).toLowerCase()] });
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(0);
  });

  it('when the email or nickname is taken, answers 409 CONFLICT', async () => {
    const user = await makeUser(t);
    await t.http().post('/api/auth/local').send({ origin: user.origin, nickname: uniqueNickname(), pwd: 'Plum-Harbor-72' }).expect(409);
    const res = await t.http().post('/api/auth/local').send({ origin: uniqueEmail(), nickname: user.nickname, pwd: 'Plum-Harbor-72' }).expect(409);
    expect(res.body.code).toBe('CONFLICT');
  });

  it('when the JSON is malformed or too large, answers 400 / 413 and never 500', async () => {
    const bad = await t.http().post('/api/auth/local').set('content-type', 'application/json').send('{"origin": ').expect(400);
    expect(bad.body.code).toBe('VALIDATION');
    const huge = await t.http().post('/api/auth/local').send({ origin: 'x'.repeat(200_000) }).expect(413);
    expect(huge.body.code).toBe('TOO_LARGE');
  });
});

describe('POST /api/auth (log-in)', () => {
  it('when the password is right, answers 200 with a token; when wrong, 401', async () => {
    const user = await makeUser(t);
    const ok = await t.http().post('/api/auth').send({ origin: user.origin, pwd: user.pwd }).expect(200);
    expect(ok.body.data.token).toEqual(expect.any(String));
    const bad = await t.http().post('/api/auth').send({ origin: user.origin, pwd: 'wrong-password' }).expect(401);
    expect(bad.body.code).toBe('UNAUTHENTICATED');
    await t.http().post('/api/auth').send({ origin: 'nobody@example.com', pwd: 'whatever1' }).expect(401);
    await t.http().post('/api/auth').send({}).expect(400);
  });
});

describe('token checks', () => {
  it.each([
    ['no token', undefined],
    ['a malformed token', 'Bearer not.a.jwt'],
    ['a bad signature', `Bearer ${jwt.sign({ jti: 'x' }, 'another-secret-another-secret-another', { subject: '1', expiresIn: '1h' })}`],
    ['an alg none token', `Bearer ${jwt.sign({ jti: 'x' }, '', { algorithm: 'none', subject: '1' })}`],
    ['an expired token', `Bearer ${jwt.sign({ jti: 'x', exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, { subject: '1' })}`],
    ['the Bearer null the old client sends', 'Bearer null'],
  ])('when the request carries %s, answers 401 UNAUTHENTICATED', async (_name, header) => {
    const req = t.http().get('/api/user/me');
    if (header) req.set('Authorization', header);
    const res = await req.expect(401);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'UNAUTHENTICATED' });
  });

  it('when a user logs out, that token is refused afterwards but a new log-in works', async () => {
    const user = await makeUser(t);
    await t.http().delete('/api/auth/local').set(user.auth).expect(200);
    await t.http().get('/api/user/me').set(user.auth).expect(401);
    const again = await t.http().post('/api/auth').send({ origin: user.origin, pwd: user.pwd }).expect(200);
    await t.http().get('/api/user/me').set('Authorization', `Bearer ${again.body.data.token}`).expect(200);
  });
});

describe('GET /api/auth/anon (guest)', () => {
  it('gives a usable guest account with a unique generated nickname that cannot be changed', async () => {
    const a = await t.http().get('/api/auth/anon').expect(200);
    const b = await t.http().get('/api/auth/anon').expect(200);
    const meA = await t.http().get('/api/user/me').set('Authorization', `Bearer ${a.body.data.token}`).expect(200);
    const meB = await t.http().get('/api/user/me').set('Authorization', `Bearer ${b.body.data.token}`).expect(200);
    expect(meA.body.data.user.type).toBe('anon');
    expect(meA.body.data.user.nickname).not.toBe(meB.body.data.user.nickname);
    const res = await t.http().patch('/api/user/me/profile/nickname').set('Authorization', `Bearer ${a.body.data.token}`).send({ nickname: '새이름' }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});

describe('GET /api/auth/kakao/callback', () => {
  it('when Kakao is not configured, answers 404', async () => {
    const res = await t.http().get('/api/auth/kakao/callback?code=abc').expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
