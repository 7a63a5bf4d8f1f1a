import bcrypt from 'bcrypt';
import { makeRoom, makeUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Secret-room guessing, across every way round the limit: another spelling of the room id, many cheap
 * accounts, and a guess that costs less when the room has no password (a timing oracle).
 */
describe('secret-room password guessing', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('a non-canonical id in a path (leading zeros, a sign) answers 400 and never reaches the room', async () => {
    t = await startTestApp();
    const owner = await makeUser(t);
    const room = await makeRoom(t, owner, { isSecret: true, pwd: 'right-pw' });
    const padded = String(room.id).padStart(3, '0');
    for (const path of [`/api/room/${padded}/pwd/guess`, `/api/room/0${room.id}/pwd/guess`, `/api/room/+${room.id}/pwd/guess`, `/api/rooms/category/01`]) {
      const res = await t.http().get(path).set(owner.auth);
      expect([path, res.status, res.body.code]).toEqual([path, 400, 'VALIDATION']);
    }
    await t.http().post(`/api/room/0${room.id}/user/${owner.id}`).set(owner.auth).send({ pwd: 'right-pw' }).expect(400);
    await t.http().post(`/api/room/${room.id}/user/0${owner.id}`).set(owner.auth).send({ pwd: 'right-pw' }).expect(400);
  });

  it('guesses on one room from many accounts share the per-room limit (ROOM_PWD_ROOM_RATE_LIMIT)', async () => {
    t = await startTestApp({ ROOM_PWD_RATE_LIMIT: '5', ROOM_PWD_ROOM_RATE_LIMIT: '3' });
    const owner = await makeUser(t);
    const room = await makeRoom(t, owner, { isSecret: true, pwd: 'right-pw' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const guest = await t.http().get('/api/auth/anon').expect(200);
      const res = await t.http().get(`/api/room/${room.id}/pwd/guess${i}`).set('Authorization', `Bearer ${guest.body.data.token}`);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([409, 409, 409, 429, 429]);
    // Another room is not punished for this one.
    const other = await makeRoom(t, await makeUser(t), { isSecret: true, pwd: 'other-pw' });
    await t.http().post(`/api/room/${other.id}/pwd`).set(owner.auth).send({ pwd: 'other-pw' }).expect(200);
  });

  it('guesses from one IP over many accounts and rooms share the per-IP limit (ROOM_PWD_IP_RATE_LIMIT)', async () => {
    t = await startTestApp({ ROOM_PWD_RATE_LIMIT: '5', ROOM_PWD_IP_RATE_LIMIT: '2' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      // A room per owner: creating a room moves its creator out of the last one.
      const room = await makeRoom(t, await makeUser(t), { isSecret: true, pwd: 'right-pw' });
      const guest = await t.http().get('/api/auth/anon').expect(200);
      statuses.push((await t.http().post(`/api/room/${room.id}/pwd`).set('Authorization', `Bearer ${guest.body.data.token}`).send({ pwd: 'nope' })).status);
    }
    expect(statuses).toEqual([409, 409, 429, 429]);
  });

  it('a guess costs one bcrypt compare whether the room is secret, open or missing', async () => {
    t = await startTestApp();
    const owner = await makeUser(t);
    const secret = await makeRoom(t, owner, { isSecret: true, pwd: 'right-pw' });
    const open = await makeRoom(t, await makeUser(t));
    const compare = jest.spyOn(bcrypt, 'compare');
    try {
      for (const [roomId, status] of [[secret.id, 409], [open.id, 200], [2_000_000_000, 404]] as const) {
        compare.mockClear();
        await t.http().get(`/api/room/${roomId}/pwd/guess`).set(owner.auth).expect(status);
        expect([roomId, compare.mock.calls.length]).toEqual([roomId, 1]);
      }
    } finally {
      compare.mockRestore();
    }
  });
});
