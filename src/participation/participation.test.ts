import { randomUUID } from 'node:crypto';
import { createManualClock } from '../shared/clock';
import { makeRoom, makeUser, type TestUser } from '../../test/support/factories';
import { emit, eventually, joinRoom } from '../../test/support/socket-client';
import { startTestApp, type TestApp } from '../../test/support/test-app';

const MIN = 60_000;
/** Seoul wall-clock time (the default TZ_NAME; UTC+9 all year). 2026-01-05 is a Monday. */
const kst = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 9, mi);

const clock = createManualClock(kst(2026, 1, 5, 10));
let t: TestApp;
beforeAll(async () => {
  // A long heartbeat keeps the periodic sweep out of the way: these tests move the clock by hand.
  t = await startTestApp({ HEARTBEAT_MS: '3600000' }, { clock });
});
afterAll(() => t.close());

type RecordsBody = {
  todayRecord: { categoryId: number; category: string; time: number }[];
  weekdaysRecord: ({ userId: number; category: string } & Record<string, number>)[];
  monthRecord: { userId: number; date: number; time: number; lastUpdatedDate: string }[];
};

async function recordsOf(user: TestUser): Promise<RecordsBody> {
  const res = await t.http().get('/api/user/me/records').set(user.auth).expect(200);
  return res.body.data as RecordsBody;
}
const weekOf = (r: RecordsBody, category: string) => r.weekdaysRecord.find((w) => w.category === category)!;
const entriesOf = (userId: number) => t.app.participationStore.listOverlapping(userId, 0, Number.MAX_SAFE_INTEGER);

function presence(user: TestUser, roomId: number, categoryId: number) {
  return {
    start: () => t.app.presenceEvents.emit('presence-started', { userId: user.id, roomId, categoryId, at: clock.now() }),
    end: () => t.app.presenceEvents.emit('presence-ended', { userId: user.id, roomId, at: clock.now() }),
  };
}

async function countBadgeRows(userId: number, badgeId: number): Promise<number> {
  const [rows] = await t.app.db.sequelize.query('SELECT COUNT(*) AS n FROM user_badges WHERE userId = ? AND badgeId = ?', { replacements: [userId, badgeId] });
  return Number((rows as { n: number | string }[])[0]!.n);
}

describe('GET /api/user/:userId/records', () => {
  it('when the user has no presence yet, answers the contract shape with zeros', async () => {
    clock.set(kst(2026, 1, 7, 12));
    const user = await makeUser(t);
    const r = await recordsOf(user);
    expect(r.todayRecord.map((x) => [x.categoryId, x.category, x.time])).toEqual([
      [1, 'beauty', 0], [2, 'sports', 0], [3, 'study', 0], [4, 'counseling', 0], [5, 'culture', 0], [6, 'etc', 0],
    ]);
    expect(r.weekdaysRecord[5]).toEqual({ userId: user.id, category: 'etc', mon: 0, tue: 0, wed: 0, thur: 0, fri: 0, sat: 0, sun: 0 });
    expect(r.monthRecord).toHaveLength(31);
    expect(r.monthRecord[0]).toEqual({ userId: user.id, date: 1, time: 0, lastUpdatedDate: new Date(clock.now()).toISOString() });
  });

  it("when :userId is the token's own id it answers; another user's id is 403, a bad id 400, no token 401", async () => {
    const [user, other] = [await makeUser(t), await makeUser(t)];
    await t.http().get(`/api/user/${user.id}/records`).set(user.auth).expect(200);
    const forbidden = await t.http().get(`/api/user/${other.id}/records`).set(user.auth).expect(403);
    expect(forbidden.body).toMatchObject({ isSuccess: false, code: 'FORBIDDEN' });
    for (const bad of ['abc', '-1', '1.5', '99999999999', '%00']) {
      const res = await t.http().get(`/api/user/${bad}/records`).set(user.auth).expect(400);
      expect(res.body.code).toBe('VALIDATION');
    }
    const anonymous = await t.http().get('/api/user/me/records').expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });
});

describe('presences become records', () => {
  it('when a presence starts and ends, the log holds its exact span and records show its minutes today, this week and this month', async () => {
    clock.set(kst(2026, 1, 5, 10));
    const user = await makeUser(t);
    const p = presence(user, 901, 3);
    p.start();
    clock.advance(45 * MIN + 30_000);
    p.end();
    await eventually(async () => (await entriesOf(user.id))[0]?.leftAt != null);
    const [stored] = await entriesOf(user.id);
    expect(stored).toMatchObject({ roomId: 901, categoryId: 3, joinedAt: kst(2026, 1, 5, 10), leftAt: kst(2026, 1, 5, 10, 45) + 30_000 });
    const r = await recordsOf(user);
    expect(r.todayRecord[2]!.time).toBe(45);
    expect(weekOf(r, 'study')).toMatchObject({ mon: 45, tue: 0 });
    expect(r.monthRecord[4]!.time).toBe(45);
  });

  it('while a presence is open, it counts up to now', async () => {
    clock.set(kst(2026, 1, 8, 9));
    const user = await makeUser(t);
    presence(user, 902, 2).start();
    await eventually(async () => (await entriesOf(user.id)).length === 1);
    clock.advance(20 * MIN);
    expect((await recordsOf(user)).todayRecord[1]!.time).toBe(20);
    clock.advance(15 * MIN);
    expect(weekOf(await recordsOf(user), 'sports').thur).toBe(35);
  });

  it('a presence across midnight credits each day with its own part', async () => {
    clock.set(kst(2026, 1, 5, 23, 30));
    const user = await makeUser(t);
    const p = presence(user, 903, 5);
    p.start();
    clock.set(kst(2026, 1, 6, 0, 40));
    p.end();
    await eventually(async () => (await entriesOf(user.id))[0]?.leftAt != null);
    clock.set(kst(2026, 1, 6, 9));
    const r = await recordsOf(user);
    expect(weekOf(r, 'culture')).toMatchObject({ mon: 30, tue: 40 });
    expect([r.monthRecord[4]!.time, r.monthRecord[5]!.time]).toEqual([30, 40]);
    expect(r.todayRecord[4]!.time).toBe(40);
  });

  it('events out of order are absorbed: an end without a start, a repeated start, a start in another room', async () => {
    clock.set(kst(2026, 1, 9, 10));
    const user = await makeUser(t);
    presence(user, 904, 1).end();
    presence(user, 904, 1).start();
    clock.advance(MIN);
    presence(user, 904, 1).start();
    clock.advance(9 * MIN);
    presence(user, 905, 4).start();
    await eventually(async () => (await entriesOf(user.id)).length === 2 && (await entriesOf(user.id))[0]!.leftAt != null);
    const [first, second] = await entriesOf(user.id);
    expect(first).toMatchObject({ roomId: 904, joinedAt: kst(2026, 1, 9, 10), leftAt: kst(2026, 1, 9, 10, 10) });
    expect(second).toMatchObject({ roomId: 905, categoryId: 4, leftAt: null });
    presence(user, 904, 1).end();
    clock.advance(5 * MIN);
    expect((await entriesOf(user.id))[1]!.leftAt).toBeNull();
  });

  it('malformed presence events are refused without throwing into the emitter and store nothing', async () => {
    const user = await makeUser(t);
    const bad: unknown[] = [
      undefined,
      null,
      'x',
      { userId: String(user.id), roomId: 1, categoryId: 1, at: clock.now() },
      { userId: user.id, roomId: 1, at: clock.now() },
      { userId: user.id, roomId: -1, categoryId: 1, at: clock.now() },
      { userId: user.id, roomId: 1, categoryId: 1, at: Number.NaN },
    ];
    for (const event of bad) {
      expect(() => t.app.presenceEvents.emit('presence-started', event as never)).not.toThrow();
      expect(() => t.app.presenceEvents.emit('presence-ended', event as never)).not.toThrow();
    }
    expect(t.app.participationRecorder.pendingWrites()).toBe(0);
    expect(await entriesOf(user.id)).toEqual([]);
  });
});

describe('category badges from the log', () => {
  it('when this week reaches 60 minutes in a category, the badge is awarded once and GET badges shows newBadge once', async () => {
    clock.set(kst(2026, 1, 12, 10)); // a Monday
    const user = await makeUser(t);
    const p = presence(user, 906, 1);
    p.start();
    clock.advance(35 * MIN);
    p.end();
    await eventually(async () => (await entriesOf(user.id))[0]?.leftAt != null);
    expect(await countBadgeRows(user.id, 1)).toBe(0);
    clock.set(kst(2026, 1, 13, 20));
    p.start();
    clock.advance(25 * MIN);
    p.end();
    await eventually(async () => (await countBadgeRows(user.id, 1)) === 1);
    const first = await t.http().get('/api/user/me/badges').set(user.auth).expect(200);
    expect(first.body.data.map((b: { id: number }) => b.id)).toContain(1);
    expect(first.body.newBadge).toBe(1);
    const second = await t.http().get('/api/user/me/badges').set(user.auth).expect(200);
    expect(second.body).not.toHaveProperty('newBadge');
    expect(weekOf(await recordsOf(user), 'beauty')).toMatchObject({ mon: 35, tue: 25 });
    expect(await countBadgeRows(user.id, 1)).toBe(1);
  });

  it('when the log shows 60 minutes that no end has checked yet, reading records awards the badge', async () => {
    clock.set(kst(2026, 1, 16, 18)); // a Friday
    const user = await makeUser(t);
    const joinedAt = kst(2026, 1, 14, 9);
    await t.app.participationStore.appendMany([
      { id: randomUUID(), userId: user.id, roomId: 907, categoryId: 5, joinedAt, leftAt: joinedAt + 61 * MIN, heartbeatAt: joinedAt + 61 * MIN },
    ]);
    expect(weekOf(await recordsOf(user), 'culture').wed).toBe(61);
    expect(await countBadgeRows(user.id, 5)).toBe(1);
    const badges = await t.http().get('/api/user/me/badges').set(user.auth).expect(200);
    expect(badges.body.newBadge).toBe(5);
  });

  it('last week\'s hour earns nothing this week and is not reset from the month', async () => {
    clock.set(kst(2026, 1, 21, 12)); // Wednesday of the next week
    const user = await makeUser(t);
    const joinedAt = kst(2026, 1, 18, 9); // the Sunday before
    await t.app.participationStore.appendMany([
      { id: randomUUID(), userId: user.id, roomId: 908, categoryId: 6, joinedAt, leftAt: joinedAt + 90 * MIN, heartbeatAt: joinedAt + 90 * MIN },
    ]);
    const r = await recordsOf(user);
    expect(weekOf(r, 'etc').sun).toBe(0);
    expect(r.monthRecord[17]!.time).toBe(90);
    expect(await countBadgeRows(user.id, 6)).toBe(0);
  });
});

describe('over real sockets', () => {
  it('join room then quit room records the minutes between them, and save_time adds nothing', async () => {
    clock.set(kst(2026, 1, 22, 14));
    const user = await makeUser(t);
    const room = await makeRoom(t, user, { categoryId: 4 });
    const { socket } = await joinRoom(t.url, user.token, room.id);
    try {
      await eventually(async () => (await entriesOf(user.id)).length === 1);
      clock.advance(30 * MIN);
      emit(socket, 'save_time', { time: 999, userId: user.id, date: 22 });
      emit(socket, 'quit room', { roomId: room.id });
      await eventually(async () => (await entriesOf(user.id))[0]?.leftAt != null);
    } finally {
      socket.disconnect();
    }
    const r = await recordsOf(user);
    expect(r.todayRecord[3]!.time).toBe(30);
    expect(weekOf(r, 'counseling').thur).toBe(30);
  });
});
