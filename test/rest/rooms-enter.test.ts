import { enterRoom, makeRoom, makeUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { count, inBatches, rows } from './rest-support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const membersOf = async (roomId: number) =>
  (await rows<{ userId: number }>(t, 'SELECT userId FROM room_members WHERE roomId = ? ORDER BY userId', [roomId])).map((r) => r.userId);
const participantCnt = async (roomId: number) => {
  const [room] = await rows<{ participantCnt: unknown }>(t, 'SELECT participantCnt FROM rooms WHERE id = ?', [roomId]);
  return room ? Number(room.participantCnt) : null;
};

describe('POST /api/room/:roomId/user/:userId (enter)', () => {
  it('when there is a seat, answers 201 with the room as it is after the entry and stores the membership', async () => {
    const [owner, guest] = [await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, owner);
    const res = await enterRoom(t, guest, room.id).expect(201);
    expect(res.body.isSuccess).toBe(true);
    expect(res.body.data).toMatchObject({ id: room.id, participantCnt: 2, masterUserId: owner.id });
    expect(res.body.data.Participants.map((p: { id: number }) => p.id)).toEqual([owner.id, guest.id]);
    expect(await membersOf(room.id)).toEqual([owner.id, guest.id].sort((x, y) => x - y));
    expect(await participantCnt(room.id)).toBe(2);
  });

  it('when the path says "me", enters as the token user', async () => {
    const [owner, guest] = [await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, owner);
    await t.http().post(`/api/room/${room.id}/user/me`).set(guest.auth).send({}).expect(201);
    expect(await membersOf(room.id)).toContain(guest.id);
  });

  it('when the user enters twice, the second entry is idempotent: one membership, same count', async () => {
    const [owner, guest] = [await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, owner);
    await enterRoom(t, guest, room.id).expect(201);
    const again = await enterRoom(t, guest, room.id).expect(201);
    expect(again.body.data.participantCnt).toBe(2);
    const both = await Promise.all([enterRoom(t, owner, room.id), enterRoom(t, guest, room.id)]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(await participantCnt(room.id)).toBe(2);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_members WHERE roomId = ?', [room.id])).toBe(2);
  });

  it('when the room holds 4, the fifth entry answers 409 ROOM_FULL and stores no membership', async () => {
    const owner = await makeUser(t);
    const room = await makeRoom(t, owner);
    for (let i = 0; i < 3; i++) await enterRoom(t, await makeUser(t), room.id).expect(201);
    const fifth = await makeUser(t);
    const res = await enterRoom(t, fifth, room.id).expect(409);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'ROOM_FULL' });
    expect(await participantCnt(room.id)).toBe(4);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_members WHERE userId = ?', [fifth.id])).toBe(0);
  });

  it('when 20 users enter one room at once, exactly 4 are members (creator + 3) and participantCnt is 4', async () => {
    const seed = await makeUser(t);
    const open = await makeRoom(t, seed);
    const users = await inBatches(Array.from({ length: 20 }, (_, i) => i), 5, () => makeUser(t));
    const results = await Promise.all(users.map((u) => enterRoom(t, u, open.id)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(17);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('ROOM_FULL');
    expect(await participantCnt(open.id)).toBe(4);
    expect(await membersOf(open.id)).toHaveLength(4);
  });

  it('when the path names another user, answers 403 FORBIDDEN and stores nothing', async () => {
    const [owner, guest, other] = [await makeUser(t), await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, owner);
    const res = await t.http().post(`/api/room/${room.id}/user/${other.id}`).set(guest.auth).send({}).expect(403);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'FORBIDDEN' });
    expect(await membersOf(room.id)).toEqual([owner.id]);
  });

  it.each([
    ['an unknown room', 404, 'NOT_FOUND', (id: number) => `/api/room/2147483000/user/${id}`],
    ['a room id that is not a number', 400, 'VALIDATION', (id: number) => `/api/room/abc/user/${id}`],
    ['a room id beyond any integer column', 400, 'VALIDATION', (id: number) => `/api/room/99999999999999999999/user/${id}`],
    ['a negative room id', 400, 'VALIDATION', (id: number) => `/api/room/-3/user/${id}`],
    ['a user id that is neither a number nor me', 400, 'VALIDATION', () => `/api/room/1/user/you`],
  ])('when the path has %s, answers %i %s', async (_name, status, code, path) => {
    const guest = await makeUser(t);
    const res = await t.http().post(path(guest.id)).set(guest.auth).send({}).expect(status);
    expect(res.body).toMatchObject({ isSuccess: false, code });
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_members WHERE userId = ?', [guest.id])).toBe(0);
  });

  it('when the body has a wrong type for pwd, answers 400 and enters no one', async () => {
    const [owner, guest] = [await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, owner);
    await enterRoom(t, guest, room.id, { pwd: 1234 }).expect(400);
    expect(await membersOf(room.id)).toEqual([owner.id]);
  });

  it('when a member enters another room, they leave the first (its master passes on, an emptied room is deleted)', async () => {
    const [a, b, c] = [await makeUser(t), await makeUser(t), await makeUser(t)];
    const shared = await makeRoom(t, a);
    await enterRoom(t, b, shared.id).expect(201);
    const solo = await makeRoom(t, c);
    await enterRoom(t, a, solo.id).expect(201);
    expect(await rows(t, 'SELECT roomId FROM room_members WHERE userId = ?', [a.id])).toEqual([{ roomId: solo.id }]);
    const [sharedRow] = await rows<{ masterUserId: number; participantCnt: unknown }>(t, 'SELECT masterUserId, participantCnt FROM rooms WHERE id = ?', [shared.id]);
    expect(sharedRow!.masterUserId).toBe(b.id);
    expect(Number(sharedRow!.participantCnt)).toBe(1);

    await enterRoom(t, b, solo.id).expect(201);
    expect(await participantCnt(shared.id)).toBeNull();
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_tags WHERE roomId = ?', [shared.id])).toBe(0);
    expect(await participantCnt(solo.id)).toBe(3);
  });
});
