import type { MemberEntered, MemberLeft } from '../../src/rooms/room-events';
import { enterRoom, makeRoom, makeUser, uniqueTitle, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { inBatches, rows } from './rest-support';

/**
 * A user is in one room at a time, so creating or entering another room moves them. A failed create or entry
 * must change nothing (they stay where they were); a successful one leaves the old room with reason 'moved'.
 */
let t: TestApp;
const left: MemberLeft[] = [];
const entered: MemberEntered[] = [];
beforeAll(async () => {
  t = await startTestApp();
  t.app.roomEvents.on('member-left', (e) => left.push(e));
  t.app.roomEvents.on('member-entered', (e) => entered.push(e));
});
afterAll(() => t.close());

const roomOf = async (user: TestUser) => (await rows<{ roomId: number }>(t, 'SELECT roomId FROM room_members WHERE userId = ?', [user.id]))[0]?.roomId ?? null;
const roomRow = async (roomId: number) => {
  const [row] = await rows<{ participantCnt: unknown; masterUserId: number }>(t, 'SELECT participantCnt, masterUserId FROM rooms WHERE id = ?', [roomId]);
  return row ? { participantCnt: Number(row.participantCnt), masterUserId: row.masterUserId } : null;
};
const eventsOf = (user: TestUser) => ({
  left: left.filter((e) => e.userId === user.id),
  entered: entered.filter((e) => e.userId === user.id),
});
/** The listing the client shows: the room's participantCnt as any user sees it. */
const listedCnt = async (roomId: number) => {
  const res = await t.http().get('/api/rooms?q=all&p=1').expect(200);
  return (res.body.data as { id: number; participantCnt: number }[]).find((r) => r.id === roomId)?.participantCnt;
};

/** `user` sits in a room of two (with its master), so a wrongly done leave would be visible as a hand-over. */
async function seatedInSharedRoom() {
  const [master, user] = [await makeUser(t), await makeUser(t)];
  const room = await makeRoom(t, master);
  await enterRoom(t, user, room.id).expect(201);
  return { master, user, room };
}

async function fullRoom() {
  const owner = await makeUser(t);
  const room = await makeRoom(t, owner);
  for (let i = 0; i < 3; i++) await enterRoom(t, await makeUser(t), room.id).expect(201);
  return room;
}

describe('a failed create or entry leaves the user where they were', () => {
  it.each([
    ['creating a room whose title is taken', 409, 'CONFLICT', async (u: TestUser) => {
      const taken = await makeRoom(t, await makeUser(t));
      return t.http().post('/api/room/new').set(u.auth).send({ title: taken.title, isSecret: false, categoryId: 1, tags: [] });
    }],
    ['creating a room in an unknown category', 400, 'VALIDATION', async (u: TestUser) =>
      t.http().post('/api/room/new').set(u.auth).send({ title: uniqueTitle(), isSecret: false, categoryId: 999, tags: [] })],
    ['entering a full room', 409, 'ROOM_FULL', async (u: TestUser) => enterRoom(t, u, (await fullRoom()).id)],
    ['entering a secret room with a wrong password', 409, 'WRONG_ROOM_PASSWORD', async (u: TestUser) => {
      const secret = await makeRoom(t, await makeUser(t), { isSecret: true, pwd: 'right-one' });
      return enterRoom(t, u, secret.id, { pwd: 'wrong-one' });
    }],
    ['entering a secret room with a ticket for another room', 409, 'WRONG_ROOM_PASSWORD', async (u: TestUser) => {
      const secret = await makeRoom(t, await makeUser(t), { isSecret: true, pwd: 'right-one' });
      const other = await makeRoom(t, await makeUser(t), { isSecret: true, pwd: 'other-one' });
      const { ticket } = (await t.http().post(`/api/room/${other.id}/pwd`).set(u.auth).send({ pwd: 'other-one' }).expect(200)).body.data;
      return enterRoom(t, u, secret.id, { ticket });
    }],
    ['entering an unknown room', 404, 'NOT_FOUND', async (u: TestUser) => enterRoom(t, u, 2147483000)],
  ])('when %s, answers %i %s and the user is still in their room', async (_name, status, code, attempt) => {
    const { master, user, room } = await seatedInSharedRoom();
    const res = await attempt(user);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ isSuccess: false, code });
    expect(await roomOf(user)).toBe(room.id);
    expect(await roomRow(room.id)).toEqual({ participantCnt: 2, masterUserId: master.id });
    expect(await listedCnt(room.id)).toBe(2);
    expect(eventsOf(user).left).toEqual([]);
  });

  it('when the room a lone user tries to enter is full, their own room is not deleted', async () => {
    const user = await makeUser(t);
    const own = await makeRoom(t, user);
    const full = await fullRoom();
    await enterRoom(t, user, full.id).expect(409);
    expect(await roomOf(user)).toBe(own.id);
    expect(await roomRow(own.id)).toEqual({ participantCnt: 1, masterUserId: user.id });
    expect((await roomRow(full.id))!.participantCnt).toBe(4);
  });

  it('when the user enters the room they are in, nothing changes and no leave is published', async () => {
    const { master, user, room } = await seatedInSharedRoom();
    const before = eventsOf(user).entered.length;
    await enterRoom(t, user, room.id).expect(201);
    expect(await roomRow(room.id)).toEqual({ participantCnt: 2, masterUserId: master.id });
    expect(eventsOf(user).left).toEqual([]);
    expect(eventsOf(user).entered).toHaveLength(before);
  });
});

describe('a successful create or entry moves the user', () => {
  it('when the master of a shared room enters another room, they move, the master passes on, and each event is published once', async () => {
    const { master: a, user: b, room: shared } = await seatedInSharedRoom();
    const c = await makeUser(t);
    const target = await makeRoom(t, c);
    await enterRoom(t, a, target.id).expect(201);
    expect(await roomOf(a)).toBe(target.id);
    expect(await roomRow(shared.id)).toEqual({ participantCnt: 1, masterUserId: b.id });
    expect(await roomRow(target.id)).toEqual({ participantCnt: 2, masterUserId: c.id });
    expect(eventsOf(a).left).toEqual([expect.objectContaining({ roomId: shared.id, reason: 'moved', roomDeleted: false, masterUserId: b.id })]);
    expect(eventsOf(a).entered.map((e) => e.roomId)).toEqual([shared.id, target.id]);
  });

  it('when the last member of a room creates another room, they move and the emptied room is deleted', async () => {
    const user = await makeUser(t);
    const old = await makeRoom(t, user);
    const created = await makeRoom(t, user);
    expect(await roomOf(user)).toBe(created.id);
    expect(await roomRow(old.id)).toBeNull();
    expect(await rows(t, 'SELECT roomId FROM room_members WHERE roomId = ?', [old.id])).toEqual([]);
    expect(eventsOf(user).left).toEqual([expect.objectContaining({ roomId: old.id, reason: 'moved', roomDeleted: true, masterUserId: null })]);
    expect(eventsOf(user).entered.map((e) => e.roomId)).toEqual([old.id, created.id]);
  });

  it('when the last member of a room enters a secret room with the right password, they move and the old room is deleted', async () => {
    const user = await makeUser(t);
    const old = await makeRoom(t, user);
    const secret = await makeRoom(t, await makeUser(t), { isSecret: true, pwd: 'right-one' });
    await enterRoom(t, user, secret.id, { pwd: 'right-one' }).expect(201);
    expect(await roomOf(user)).toBe(secret.id);
    expect(await roomRow(old.id)).toBeNull();
  });

  it('when two users swap rooms at once, both move and no room is left with a stale count', async () => {
    const [a, b, x, y] = [await makeUser(t), await makeUser(t), await makeUser(t), await makeUser(t)];
    const roomA = await makeRoom(t, a);
    await enterRoom(t, x, roomA.id).expect(201);
    const roomB = await makeRoom(t, b);
    await enterRoom(t, y, roomB.id).expect(201);
    const [ra, rb] = await Promise.all([enterRoom(t, a, roomB.id), enterRoom(t, b, roomA.id)]);
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect([await roomOf(a), await roomOf(b)]).toEqual([roomB.id, roomA.id]);
    expect(await roomRow(roomA.id)).toEqual({ participantCnt: 2, masterUserId: x.id });
    expect(await roomRow(roomB.id)).toEqual({ participantCnt: 2, masterUserId: y.id });
  });
});

describe('racing for the last seat', () => {
  it('when 6 users in their own rooms race for the one free seat, exactly one moves and the others keep their rooms', async () => {
    const owner = await makeUser(t);
    const target = await makeRoom(t, owner);
    for (let i = 0; i < 2; i++) await enterRoom(t, await makeUser(t), target.id).expect(201);
    const racers = await inBatches(Array.from({ length: 6 }, (_, i) => i), 3, async () => {
      const user = await makeUser(t);
      return { user, room: await makeRoom(t, user) };
    });
    const results = await Promise.all(racers.map(({ user }) => enterRoom(t, user, target.id)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect((await roomRow(target.id))!.participantCnt).toBe(4);
    for (const [i, { user, room }] of racers.entries()) {
      if (statuses[i] === 201) {
        expect(await roomOf(user)).toBe(target.id);
        expect(await roomRow(room.id)).toBeNull();
        expect(eventsOf(user).left).toEqual([expect.objectContaining({ roomId: room.id, reason: 'moved', roomDeleted: true })]);
      } else {
        expect(results[i]!.body.code).toBe('ROOM_FULL');
        expect(await roomOf(user)).toBe(room.id);
        expect(await roomRow(room.id)).toEqual({ participantCnt: 1, masterUserId: user.id });
        expect(eventsOf(user).left).toEqual([]);
      }
    }
  });

  it('when two users in rooms race to create the same title, one moves into the new room and the other stays put', async () => {
    const [a, b] = [await makeUser(t), await makeUser(t)];
    const [roomA, roomB] = [await makeRoom(t, a), await makeRoom(t, b)];
    const title = uniqueTitle();
    const create = (u: TestUser) => t.http().post('/api/room/new').set(u.auth).send({ title, isSecret: false, categoryId: 1, tags: [] });
    const results = await Promise.all([create(a), create(b)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const [winner, loser] = results[0]!.status === 201 ? [{ user: a, room: roomA }, { user: b, room: roomB }] : [{ user: b, room: roomB }, { user: a, room: roomA }];
    expect(await roomOf(winner.user)).toBe(results.find((r) => r.status === 201)!.body.data.id);
    expect(await roomRow(winner.room.id)).toBeNull();
    expect(await roomOf(loser.user)).toBe(loser.room.id);
    expect(await roomRow(loser.room.id)).toEqual({ participantCnt: 1, masterUserId: loser.user.id });
  });

  it('when one user sends several entries to different rooms at once, they end up in exactly one room, counted once', async () => {
    const user = await makeUser(t);
    const own = await makeRoom(t, user);
    const targets = [await makeRoom(t, await makeUser(t)), await makeRoom(t, await makeUser(t)), await makeRoom(t, await makeUser(t))];
    const results = await Promise.all(targets.map((room) => enterRoom(t, user, room.id)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const now = await roomOf(user);
    expect(targets.map((r) => r.id)).toContain(now);
    expect(await roomRow(own.id)).toBeNull();
    for (const room of targets) expect((await roomRow(room.id))!.participantCnt).toBe(room.id === now ? 2 : 1);
    // Every move published its leave once: the user left each room they were in exactly as often as they entered it.
    const { left: leaves, entered: entries } = eventsOf(user);
    expect(entries.length - leaves.length).toBe(1);
    expect(entries.at(-1)!.roomId).toBe(now);
  });
});
