import { createManualClock } from '../../src/shared/clock';
import { makeUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { guest, history, kst, presence, spend } from './habits-support';

const clock = createManualClock(kst(2026, 3, 18, 12));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ HEARTBEAT_MS: '3600000' }, { clock });
});
afterAll(() => t.close());

type Board = { period: string; from: string; to: string; entries: { rank: number; userId: number; nickname: string; profileImg: string | null; masterBadge: unknown; minutes: number }[]; me: { rank: number; minutes: number } | null };
const board = async (asker: { auth: Record<string, string> }, query = '') =>
  (await t.http().get(`/api/leaderboard${query}`).set(asker.auth).expect(200)).body.data as Board;
const ranks = (b: Board) => b.entries.map((e) => [e.userId, e.rank, e.minutes]);

// The board is every user's, so each test works in a month of its own (the clock is set per test).
describe('GET /api/leaderboard', () => {
  it("when users tie, they share a rank (1, 1, 3); this week's board runs Monday to Monday in TZ_NAME and shows who is listed", async () => {
    clock.set(kst(2026, 3, 18, 12)); // a Wednesday
    const [a, b, c] = [await makeUser(t), await makeUser(t), await makeUser(t)];
    await history(t, a, [[kst(2026, 3, 16, 0, 0), 60]]);
    await history(t, b, [[kst(2026, 3, 17, 9), 30], [kst(2026, 3, 18, 9), 30]]);
    await history(t, c, [[kst(2026, 3, 18, 9), 30], [kst(2026, 3, 15, 23, 30), 45]]); // 15 of those on Monday the 16th
    const week = await board(c, '?period=week');
    expect(week.period).toBe('week');
    expect([week.from, week.to]).toEqual([new Date(kst(2026, 3, 16)).toISOString(), new Date(kst(2026, 3, 23)).toISOString()]);
    expect(ranks(week)).toEqual([[Math.min(a.id, b.id), 1, 60], [Math.max(a.id, b.id), 1, 60], [c.id, 3, 45]]);
    expect(week.me).toEqual({ rank: 3, minutes: 45 });
    expect(week.entries[0]).toEqual({ rank: 1, userId: Math.min(a.id, b.id), nickname: (a.id < b.id ? a : b).nickname, profileImg: null, masterBadge: null, minutes: 60 });
  });

  it('when minutes are counted this month, last week counts too; a category narrows the board; limit cuts it', async () => {
    clock.set(kst(2026, 4, 22, 12));
    const [a, b, c] = [await makeUser(t), await makeUser(t), await makeUser(t)];
    await history(t, a, [[kst(2026, 4, 2, 9), 100, 1], [kst(2026, 4, 21, 9), 10, 2]]);
    await history(t, b, [[kst(2026, 4, 21, 9), 50, 2]]);
    await history(t, c, [[kst(2026, 4, 20, 9), 20, 2], [kst(2026, 3, 31, 9), 500, 2]]);
    expect(ranks(await board(a, '?period=month'))).toEqual([[a.id, 1, 110], [b.id, 2, 50], [c.id, 3, 20]]);
    expect(ranks(await board(a, '?period=week'))).toEqual([[b.id, 1, 50], [c.id, 2, 20], [a.id, 3, 10]]);
    expect(ranks(await board(a, '?period=month&categoryId=2'))).toEqual([[b.id, 1, 50], [c.id, 2, 20], [a.id, 3, 10]]);
    expect(ranks(await board(a, '?period=month&categoryId=1'))).toEqual([[a.id, 1, 100]]);
    const cut = await board(c, '?period=month&limit=2');
    expect(ranks(cut)).toEqual([[a.id, 1, 110], [b.id, 2, 50]]);
    expect(cut.me).toEqual({ rank: 3, minutes: 20 });
    expect((await board(c, '?period=month&categoryId=1')).me).toBeNull();
  });

  it('when guests have minutes or a user leaves the board, they are not listed and do not take a rank; me is null for them', async () => {
    clock.set(kst(2026, 5, 20, 12));
    const [a, hidden] = [await makeUser(t), await makeUser(t)];
    const visitor = await guest(t);
    await history(t, a, [[kst(2026, 5, 19, 9), 30]]);
    await history(t, hidden, [[kst(2026, 5, 19, 9), 90]]);
    await history(t, visitor, [[kst(2026, 5, 19, 9), 60]]);
    expect(ranks(await board(a, '?period=month'))).toEqual([[hidden.id, 1, 90], [a.id, 2, 30]]);
    const res = await t.http().patch('/api/user/me/profile/leaderboard').set(hidden.auth).send({ visible: false }).expect(200);
    expect(res.body.data).toEqual({ visible: false });
    const after = await board(a, '?period=month');
    expect(ranks(after)).toEqual([[a.id, 1, 30]]);
    expect(after.me).toEqual({ rank: 1, minutes: 30 });
    expect((await board(hidden, '?period=month')).me).toBeNull();
    expect((await board(visitor, '?period=month')).me).toBeNull();
    await t.http().patch(`/api/user/${hidden.id}/profile/leaderboard`).set(hidden.auth).send({ visible: true }).expect(200);
    expect(ranks(await board(a, '?period=month'))).toEqual([[hidden.id, 1, 90], [a.id, 2, 30]]);
  });

  it('when a presence ends through the recorder, its minutes reach the board; a presence still open is not on it yet', async () => {
    const user = await makeUser(t);
    await spend(t, clock, user, kst(2026, 6, 10, 23, 50), 25); // 10 minutes on the 10th, 15 on the 11th
    clock.set(kst(2026, 6, 11, 12));
    expect(ranks(await board(user, '?period=month'))).toEqual([[user.id, 1, 25]]);
    const p = presence(t, clock, user.id);
    await p.start();
    clock.set(kst(2026, 6, 11, 12, 40));
    expect(ranks(await board(user, '?period=month'))).toEqual([[user.id, 1, 25]]);
    await p.end();
    expect(ranks(await board(user, '?period=month'))).toEqual([[user.id, 1, 65]]);
  });

  it('when the query is malformed, answers 400 VALIDATION naming it; no token 401; a guest may read it', async () => {
    const user: TestUser = await makeUser(t);
    for (const q of ['?period=day', '?period=week&categoryId=7', '?categoryId=0', '?limit=0', '?limit=101', '?limit=ten', '?period=week&period=month']) {
      const res = await t.http().get(`/api/leaderboard${q}`).set(user.auth).expect(400);
      expect(res.body.code).toBe('VALIDATION');
    }
    await t.http().get('/api/leaderboard').expect(401);
    const visitor = await guest(t);
    expect((await board(visitor)).period).toBe('week');
    const patch = await t.http().patch('/api/user/me/profile/leaderboard').set(user.auth).send({ visible: 'no' }).expect(400);
    expect(patch.body.code).toBe('VALIDATION');
  });
});
