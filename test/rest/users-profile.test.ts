import { makeUser, uniqueNickname } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { bearer, rows } from './rest-support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const stored = async (userId: number) =>
  (await rows<{ nickname: string; statusMsg: string; profileImg: string | null; masterBadgeId: number | null }>(
    t,
    'SELECT nickname, statusMsg, profileImg, masterBadgeId FROM users WHERE id = ?',
    [userId],
  ))[0]!;

describe('GET /api/user/me', () => {
  it('answers the token user with the contract fields and no password hash', async () => {
    const user = await makeUser(t);
    const res = await t.http().get('/api/user/me').set(user.auth).expect(200);
    expect(res.body).toEqual({
      isSuccess: true,
      data: { user: { id: user.id, origin: user.origin, nickname: user.nickname, profileImg: null, statusMsg: expect.any(String), type: 'local', MasterBadge: null } },
    });
  });

  it('when the user behind a valid token has been deleted, answers 401', async () => {
    const user = await makeUser(t);
    await t.app.models.User.destroy({ where: { id: user.id } });
    const res = await t.http().get('/api/user/me').set(user.auth).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});

describe('PATCH /api/user/:userId/profile/nickname', () => {
  it('changes the nickname of the token user and stores it', async () => {
    const user = await makeUser(t);
    const nickname = uniqueNickname();
    const res = await t.http().patch(`/api/user/${user.id}/profile/nickname`).set(user.auth).send({ nickname }).expect(200);
    expect(res.body).toEqual({ isSuccess: true, data: { nickname } });
    expect((await stored(user.id)).nickname).toBe(nickname);
    await t.http().patch('/api/user/me/profile/nickname').set(user.auth).send({ nickname }).expect(200);
  });

  it('when the nickname belongs to someone else, answers 409 CONFLICT and keeps the old one', async () => {
    const [a, b] = [await makeUser(t), await makeUser(t)];
    const res = await t.http().patch('/api/user/me/profile/nickname').set(b.auth).send({ nickname: a.nickname }).expect(409);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'CONFLICT' });
    expect((await stored(b.id)).nickname).toBe(b.nickname);
  });

  it('when two users race for one free nickname, exactly one gets it', async () => {
    const [a, b] = [await makeUser(t), await makeUser(t)];
    const nickname = uniqueNickname();
    const results = await Promise.all([a, b].map((u) => t.http().patch('/api/user/me/profile/nickname').set(u.auth).send({ nickname })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await rows(t, 'SELECT id FROM users WHERE nickname = ?', [nickname])).length).toBe(1);
  });

  it.each([
    ['one character', { nickname: 'a' }],
    ['nine characters', { nickname: 'abcdefghi' }],
    ['a special character', { nickname: 'ab$cd' }],
    ['a number', { nickname: 12345 }],
    ['no field', {}],
  ])('when the nickname has %s, answers 400 VALIDATION and keeps the old one', async (_name, body) => {
    const user = await makeUser(t);
    const res = await t.http().patch('/api/user/me/profile/nickname').set(user.auth).send(body).expect(400);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'VALIDATION' });
    expect(res.body.msg).toContain('nickname');
    expect((await stored(user.id)).nickname).toBe(user.nickname);
  });
});

describe('PATCH /api/user/:userId/profile/statusMsg', () => {
  it('stores a 1-20 character message, counting Korean and emoji as one each', async () => {
    const user = await makeUser(t);
    const statusMsg = '오늘도 열심히 공부합니다 😀😀😀😀😀😀'; // 20 code points
    const res = await t.http().patch('/api/user/me/profile/statusMsg').set(user.auth).send({ statusMsg }).expect(200);
    expect(res.body.data).toEqual({ statusMsg });
    expect((await stored(user.id)).statusMsg).toBe(statusMsg);
  });

  it.each([
    ['empty', ''],
    ['21 characters', 'x'.repeat(21)],
    ['not a string', 42],
  ])('when the message is %s, answers 400 and keeps the old one', async (_name, statusMsg) => {
    const user = await makeUser(t);
    const before = (await stored(user.id)).statusMsg;
    const res = await t.http().patch('/api/user/me/profile/statusMsg').set(user.auth).send({ statusMsg }).expect(400);
    expect(res.body.code).toBe('VALIDATION');
    expect((await stored(user.id)).statusMsg).toBe(before);
  });
});

describe('PATCH /api/user/:userId/profile/img', () => {
  it('accepts an https URL and stores it', async () => {
    const user = await makeUser(t);
    const profileImg = 'https://images.example.com/me.png';
    const res = await t.http().patch('/api/user/me/profile/img').set(user.auth).send({ profileImg }).expect(200);
    expect(res.body.data).toEqual({ profileImg });
    expect((await stored(user.id)).profileImg).toBe(profileImg);
  });

  it.each([
    ['a plain http URL', 'http://images.example.com/me.png'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:image/png;base64,iVBORw0KGgo='],
    ['not a URL', 'me.png'],
    ['an over-long URL', `https://example.com/${'a'.repeat(600)}`],
  ])('when profileImg is %s, answers 400 and stores nothing', async (_name, profileImg) => {
    const user = await makeUser(t);
    const res = await t.http().patch('/api/user/me/profile/img').set(user.auth).send({ profileImg }).expect(400);
    expect(res.body.code).toBe('VALIDATION');
    expect((await stored(user.id)).profileImg).toBeNull();
  });
});

describe("another user's profile", () => {
  it.each(['img', 'nickname', 'statusMsg', 'masterBadge'])('PATCH /user/<someone else>/profile/%s answers 403 and changes nothing', async (field) => {
    const [me, other] = [await makeUser(t), await makeUser(t)];
    const before = await stored(other.id);
    const body = { img: { profileImg: 'https://x.example/a.png' }, nickname: { nickname: uniqueNickname() }, statusMsg: { statusMsg: 'hi' }, masterBadge: { badgeId: null } }[field];
    const res = await t.http().patch(`/api/user/${other.id}/profile/${field}`).set(me.auth).send(body).expect(403);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'FORBIDDEN' });
    expect(await stored(other.id)).toEqual(before);
  });

  it('a path id that is not a user id answers 400; no token answers 401', async () => {
    const me = await makeUser(t);
    await t.http().patch('/api/user/abc/profile/statusMsg').set(me.auth).send({ statusMsg: 'hi' }).expect(400);
    await t.http().patch('/api/user/me/profile/statusMsg').send({ statusMsg: 'hi' }).expect(401);
    await t.http().patch('/api/user/me/profile/statusMsg').set(bearer('garbage')).send({ statusMsg: 'hi' }).expect(401);
  });
});
