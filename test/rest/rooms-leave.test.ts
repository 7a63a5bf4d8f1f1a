import type { MemberLeft } from '../../src/rooms/room-events';
import { createManualClock } from '../../src/shared/clock';
import { enterRoom, makeRoom, makeUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { count, rows } from './rest-support';

// A clock the test moves, so "longest present" is decided by join times the test sets, not by the scheduler.
const clock = createManualClock();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { clock });
});
afterAll(() => t.close());

const roomRow = async (roomId: number) =>
  (await rows<{ masterUserId: number; participantCnt: unknown }>(t, 'SELECT masterUserId, participantCnt FROM rooms WHERE id = ?', [roomId]))[0];

describe('DELETE /api/room/:roomId/user/:userId (leave)', () => {
  it('when a member leaves, answers 200, removes the membership and publishes member-left', async () => {
    const [owner, guest] = [await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, owner);
    await enterRoom(t, guest, room.id).expect(201);
    const seen: MemberLeft[] = [];
    const listener = (e: MemberLeft) => seen.push(e);
    t.app.roomEvents.on('member-left', listener);
    try {
      const res = await t.http().delete(`/api/room/${room.id}/user/${guest.id}`).set(guest.auth).expect(200);
      expect(res.body).toEqual({ isSuccess: true, data: { roomId: room.id, roomDeleted: false, masterUserId: owner.id } });
    } finally {
      t.app.roomEvents.off('member-left', listener);
    }
    expect(seen).toEqual([expect.objectContaining({ roomId: room.id, userId: guest.id, reason: 'rest', roomDeleted: false, masterUserId: owner.id })]);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_members WHERE userId = ?', [guest.id])).toBe(0);
    expect(Number((await roomRow(room.id))!.participantCnt)).toBe(1);
  });

  it('when the master leaves, the longest-present member becomes master (by join time, not by id)', async () => {
    // Created in this order, so the later joiner has the lower id.
    const [owner, late, early] = [await makeUser(t), await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, owner);
    clock.advance(1_000);
    await enterRoom(t, early, room.id).expect(201);
    clock.advance(1_000);
    await enterRoom(t, late, room.id).expect(201);
    const res = await t.http().delete(`/api/room/${room.id}/user/me`).set(owner.auth).expect(200);
    expect(res.body.data).toEqual({ roomId: room.id, roomDeleted: false, masterUserId: early.id });
    expect((await roomRow(room.id))!.masterUserId).toBe(early.id);
    const detail = await enterRoom(t, late, room.id).expect(201);
    expect(detail.body.data.masterUserId).toBe(early.id);
  });

  it('when the last member leaves, the room, its tag links and memberships are deleted', async () => {
    const owner = await makeUser(t);
    const room = await makeRoom(t, owner, { tags: ['bye'] });
    const res = await t.http().delete(`/api/room/${room.id}/user/${owner.id}`).set(owner.auth).expect(200);
    expect(res.body.data).toEqual({ roomId: room.id, roomDeleted: true, masterUserId: null });
    expect(await roomRow(room.id)).toBeUndefined();
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_tags WHERE roomId = ?', [room.id])).toBe(0);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_members WHERE roomId = ?', [room.id])).toBe(0);
    const list = await t.http().get('/api/rooms?q=all').expect(200);
    expect(list.body.data.map((r: { id: number }) => r.id)).not.toContain(room.id);
  });

  it('when the path names another user, answers 403 and the other user stays', async () => {
    const [owner, guest] = [await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, owner);
    await enterRoom(t, guest, room.id).expect(201);
    const res = await t.http().delete(`/api/room/${room.id}/user/${owner.id}`).set(guest.auth).expect(403);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'FORBIDDEN' });
    expect(await count(t, 'SELECT COUNT(*) AS n FROM room_members WHERE roomId = ?', [room.id])).toBe(2);
  });

  it('when the user is not a member, or the room is unknown, answers 404 and changes nothing', async () => {
    const [owner, outsider] = [await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, owner);
    const res = await t.http().delete(`/api/room/${room.id}/user/${outsider.id}`).set(outsider.auth).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    await t.http().delete(`/api/room/2147483000/user/me`).set(outsider.auth).expect(404);
    await t.http().delete(`/api/room/abc/user/me`).set(outsider.auth).expect(400);
    await t.http().delete(`/api/room/${room.id}/user/me`).expect(401);
    expect(Number((await roomRow(room.id))!.participantCnt)).toBe(1);
  });

  it('when the same member leaves twice at once, one leave counts and the count never goes below the members', async () => {
    const [owner, guest] = [await makeUser(t), await makeUser(t)];
    const room = await makeRoom(t, owner);
    await enterRoom(t, guest, room.id).expect(201);
    const results = await Promise.all([1, 2].map(() => t.http().delete(`/api/room/${room.id}/user/me`).set(guest.auth)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
    expect(Number((await roomRow(room.id))!.participantCnt)).toBe(1);
  });
});

describe('racing leaves', () => {
  it('when the last two members leave at once, the room is deleted, not left empty', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = [await makeUser(t), await makeUser(t)];
      const room = await makeRoom(t, a);
      await enterRoom(t, b, room.id).expect(201);
      const results = await Promise.all([a, b].map((u) => t.http().delete(`/api/room/${room.id}/user/me`).set(u.auth)));
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      expect(results.filter((r) => r.body.data.roomDeleted)).toHaveLength(1);
      expect(await roomRow(room.id)).toBeUndefined();
    }
  });
});
