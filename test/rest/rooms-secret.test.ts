import { randomBytes } from 'node:crypto';
import { enterRoom, makeRoom, makeUser } from '../support/factories';
import { createManualClock } from '../../src/shared/clock';
import { ROOM_CHECK_TTL_MS } from '../../src/rooms/room-password-checks';
import { dropRedisKeys } from '../support/redis-keys';
import { startTestApp, type TestApp } from '../support/test-app';
import { count } from './rest-support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const isMember = async (roomId: number, userId: number) =>
  (await count(t, 'SELECT COUNT(*) AS n FROM room_members WHERE roomId = ? AND userId = ?', [roomId, userId])) === 1;

async function secretRoom(pwd = 'open-sesa') {
  const owner = await makeUser(t);
  const room = await makeRoom(t, owner, { isSecret: true, pwd });
  return { owner, room, pwd };
}

describe('secret rooms', () => {
  it('when the entry carries the right pwd, answers 201 and stores the membership', async () => {
    const { room, pwd } = await secretRoom();
    const guest = await makeUser(t);
    await enterRoom(t, guest, room.id, { pwd }).expect(201);
    expect(await isMember(room.id, guest.id)).toBe(true);
  });

  it.each([
    ['no pwd', {}],
    ['a wrong pwd', { pwd: 'nope-nope' }],
    ['a forged ticket', { ticket: 'eyJhbGciOiJIUzI1NiJ9.e30.x' }],
  ])('when the entry carries %s, answers 409 WRONG_ROOM_PASSWORD and stores nothing', async (_name, body) => {
    const { room } = await secretRoom();
    const guest = await makeUser(t);
    const res = await enterRoom(t, guest, room.id, body).expect(409);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'WRONG_ROOM_PASSWORD' });
    expect(await isMember(room.id, guest.id)).toBe(false);
  });

  it('GET /room/:id/pwd/:pwd and POST /room/:id/pwd give a ticket that lets only that user into only that room', async () => {
    const { room, pwd } = await secretRoom();
    const other = await secretRoom('other-pwd');
    const [guest, stranger] = [await makeUser(t), await makeUser(t)];
    const viaGet = await t.http().get(`/api/room/${room.id}/pwd/${pwd}`).set(guest.auth).expect(200);
    expect(viaGet.body).toEqual({ isSuccess: true, data: { ticket: expect.any(String) } });
    const viaPost = await t.http().post(`/api/room/${room.id}/pwd`).set(guest.auth).send({ pwd }).expect(200);
    const ticket = viaPost.body.data.ticket as string;

    await enterRoom(t, stranger, room.id, { ticket }).expect(409);
    await enterRoom(t, guest, other.room.id, { ticket }).expect(409);
    expect(await isMember(room.id, stranger.id)).toBe(false);
    await enterRoom(t, guest, room.id, { ticket: viaGet.body.data.ticket }).expect(201);
    expect(await isMember(room.id, guest.id)).toBe(true);
  });

  it('when the password check is wrong, answers 409 WRONG_ROOM_PASSWORD without a ticket', async () => {
    const { room } = await secretRoom();
    const guest = await makeUser(t);
    const get = await t.http().get(`/api/room/${room.id}/pwd/wrong`).set(guest.auth).expect(409);
    expect(get.body).toMatchObject({ isSuccess: false, code: 'WRONG_ROOM_PASSWORD' });
    expect(get.body.data).toBeUndefined();
    const post = await t.http().post(`/api/room/${room.id}/pwd`).set(guest.auth).send({ pwd: 'wrong' }).expect(409);
    expect(post.body.code).toBe('WRONG_ROOM_PASSWORD');
  });

  it.each([
    ['an unknown room', 404, 'NOT_FOUND', '/api/room/2147483000/pwd', { pwd: 'abcd' }],
    ['a missing pwd', 400, 'VALIDATION', '/api/room/1/pwd', {}],
    ['a numeric pwd', 400, 'VALIDATION', '/api/room/1/pwd', { pwd: 1234 }],
    ['a room id that is not a number', 400, 'VALIDATION', '/api/room/x/pwd', { pwd: 'abcd' }],
  ])('when the check has %s, answers %i %s', async (_name, status, code, path, body) => {
    const guest = await makeUser(t);
    const res = await t.http().post(path).set(guest.auth).send(body).expect(status);
    expect(res.body).toMatchObject({ isSuccess: false, code });
  });

  it('when the check has no token, answers 401', async () => {
    const { room, pwd } = await secretRoom();
    await t.http().get(`/api/room/${room.id}/pwd/${pwd}`).expect(401);
  });
});

describe("the original client's sequence: GET /room/:id/pwd/:pwd, the ticket ignored, then an entry with {}", () => {
  it('when the check passed, the entry with an empty body answers 201 and stores the membership', async () => {
    const { room, pwd } = await secretRoom();
    const guest = await makeUser(t);
    await t.http().get(`/api/room/${room.id}/pwd/${pwd}`).set(guest.auth).expect(200);
    const res = await enterRoom(t, guest, room.id, {}).expect(201);
    expect(res.body.data.Participants.map((p: { id: number }) => p.id)).toContain(guest.id);
    expect(await isMember(room.id, guest.id)).toBe(true);
  });

  it('a user who never passed the check (another did; or theirs was wrong; or it was for another room) still gets 409 WRONG_ROOM_PASSWORD', async () => {
    const { room, pwd } = await secretRoom();
    const other = await secretRoom('other-pwd');
    const [passer, wrong, elsewhere] = [await makeUser(t), await makeUser(t), await makeUser(t)];
    await t.http().get(`/api/room/${room.id}/pwd/${pwd}`).set(passer.auth).expect(200);
    await t.http().get(`/api/room/${room.id}/pwd/not-it`).set(wrong.auth).expect(409);
    await t.http().get(`/api/room/${other.room.id}/pwd/other-pwd`).set(elsewhere.auth).expect(200);
    for (const user of [wrong, elsewhere, await makeUser(t)]) {
      const res = await enterRoom(t, user, room.id, {}).expect(409);
      expect(res.body).toMatchObject({ isSuccess: false, code: 'WRONG_ROOM_PASSWORD' });
      expect(await isMember(room.id, user.id)).toBe(false);
    }
  });

  it('the passed check lasts as long as the ticket (ROOM_CHECK_TTL_MS) and no longer', async () => {
    const clock = createManualClock(Date.now());
    // Entries without a socket are undone after the grace; a day keeps the owner in the room while time moves.
    const timed = await startTestApp({ RECONNECT_GRACE_MS: String(24 * 3600_000) }, { clock });
    try {
      const owner = await makeUser(timed);
      const room = await makeRoom(timed, owner, { isSecret: true, pwd: 'open-sesa' });
      const [early, late] = [await makeUser(timed), await makeUser(timed)];
      for (const user of [early, late]) await timed.http().get(`/api/room/${room.id}/pwd/open-sesa`).set(user.auth).expect(200);
      clock.advance(ROOM_CHECK_TTL_MS - 1_000);
      await enterRoom(timed, early, room.id, {}).expect(201);
      clock.advance(2_000);
      expect((await enterRoom(timed, late, room.id, {}).expect(409)).body.code).toBe('WRONG_ROOM_PASSWORD');
    } finally {
      await timed.close();
    }
  });

  it('with REDIS_URL, a check passed on one process lets the entry in on another', async () => {
    const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
    const prefix = `wm-test-${randomBytes(4).toString('hex')}:`;
    const one = await startTestApp({ REDIS_URL, REDIS_PREFIX: prefix });
    const two = await startTestApp({ REDIS_URL, REDIS_PREFIX: prefix }, { shareDatabaseWith: one });
    try {
      const owner = await makeUser(one);
      const room = await makeRoom(one, owner, { isSecret: true, pwd: 'open-sesa' });
      const [guest, stranger] = [await makeUser(one), await makeUser(one)];
      await one.http().get(`/api/room/${room.id}/pwd/open-sesa`).set(guest.auth).expect(200);
      await enterRoom(two, guest, room.id, {}).expect(201);
      expect((await enterRoom(two, stranger, room.id, {}).expect(409)).body.code).toBe('WRONG_ROOM_PASSWORD');
    } finally {
      await two.close();
      await one.close();
      await dropRedisKeys(REDIS_URL, prefix);
    }
  });
});

describe('password attempts are rate-limited per user and room', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ ROOM_PWD_RATE_LIMIT: '3' });
  });
  afterAll(() => limited.close());

  it('after ROOM_PWD_RATE_LIMIT attempts a minute, answers 429 RATE_LIMITED, even for the right password', async () => {
    const owner = await makeUser(limited);
    const room = await makeRoom(limited, owner, { isSecret: true, pwd: 'right-one' });
    const guest = await makeUser(limited);
    await limited.http().get(`/api/room/${room.id}/pwd/wrong1`).set(guest.auth).expect(409);
    await limited.http().post(`/api/room/${room.id}/pwd`).set(guest.auth).send({ pwd: 'wrong2' }).expect(409);
    await enterRoom(limited, guest, room.id, { pwd: 'wrong3' }).expect(409);
    const blocked = await enterRoom(limited, guest, room.id, { pwd: 'right-one' }).expect(429);
    expect(blocked.body).toMatchObject({ isSuccess: false, code: 'RATE_LIMITED' });
    const check = await limited.http().get(`/api/room/${room.id}/pwd/right-one`).set(guest.auth).expect(429);
    expect(check.body.code).toBe('RATE_LIMITED');
    expect(await count(limited, 'SELECT COUNT(*) AS n FROM room_members WHERE userId = ?', [guest.id])).toBe(0);

    // Another user, and entries that carry no password, are not slowed down.
    const other = await makeUser(limited);
    await enterRoom(limited, other, room.id, { pwd: 'right-one' }).expect(201);
    const open = await makeRoom(limited, owner);
    await enterRoom(limited, guest, open.id).expect(201);
  });
});
