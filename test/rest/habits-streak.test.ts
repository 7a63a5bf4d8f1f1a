import { createManualClock } from '../../src/shared/clock';
import { makeUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { history, kst, MIN, presence, spend } from './habits-support';

const clock = createManualClock(kst(2026, 3, 10, 10));
let t: TestApp;
beforeAll(async () => {
  // A long heartbeat keeps the periodic sweep out of the way: these tests move the clock by hand.
  t = await startTestApp({ HEARTBEAT_MS: '3600000' }, { clock });
});
afterAll(() => t.close());

const streakOf = async (user: TestUser) => (await t.http().get('/api/user/me/streak').set(user.auth).expect(200)).body.data;

describe('PATCH /api/user/:userId/profile/dailyGoal', () => {
  it('when the goal is 10-720 minutes (a number or its text), it is stored and the streak uses it; the default is 30', async () => {
    const user = await makeUser(t);
    expect((await streakOf(user)).goalMinutes).toBe(30);
    const res = await t.http().patch(`/api/user/${user.id}/profile/dailyGoal`).set(user.auth).send({ minutes: '45' }).expect(200);
    expect(res.body).toEqual({ isSuccess: true, data: { minutes: 45 } });
    await t.http().patch('/api/user/me/profile/dailyGoal').set(user.auth).send({ minutes: 720 }).expect(200);
    expect((await streakOf(user)).goalMinutes).toBe(720);
  });

  it('when the goal is out of range or not a whole number, answers 400 VALIDATION and keeps the old goal; another user is 403', async () => {
    const [user, other] = [await makeUser(t), await makeUser(t)];
    for (const minutes of [9, 721, 1.5, '30m', '', null, true, -30]) {
      const res = await t.http().patch('/api/user/me/profile/dailyGoal').set(user.auth).send({ minutes }).expect(400);
      expect(res.body.code).toBe('VALIDATION');
    }
    await t.http().patch(`/api/user/${other.id}/profile/dailyGoal`).set(user.auth).send({ minutes: 60 }).expect(403);
    expect((await streakOf(user)).goalMinutes).toBe(30);
    expect((await streakOf(other)).goalMinutes).toBe(30);
  });
});

describe('GET /api/user/:userId/streak', () => {
  it('when days around a session crossing midnight (TZ_NAME) meet the goal, each side counts for its own day; today unmet does not break the streak', async () => {
    const user = await makeUser(t);
    await spend(t, clock, user, kst(2026, 3, 7, 9), 30);
    await spend(t, clock, user, kst(2026, 3, 8, 10), 10);
    // 23:40 to 00:20: 20 minutes on the 8th (30 with the morning) and 20 on the 9th.
    await spend(t, clock, user, kst(2026, 3, 8, 23, 40), 40);
    await spend(t, clock, user, kst(2026, 3, 9, 12), 10);
    await spend(t, clock, user, kst(2026, 3, 10, 8), 12);
    clock.set(kst(2026, 3, 10, 10));
    const s = await streakOf(user);
    expect(s).toMatchObject({ goalMinutes: 30, current: 3, longest: 3, today: { minutes: 12, met: false } });
    expect(s.last7).toEqual([
      { date: '2026-03-04', minutes: 0, met: false },
      { date: '2026-03-05', minutes: 0, met: false },
      { date: '2026-03-06', minutes: 0, met: false },
      { date: '2026-03-07', minutes: 30, met: true },
      { date: '2026-03-08', minutes: 30, met: true },
      { date: '2026-03-09', minutes: 30, met: true },
      { date: '2026-03-10', minutes: 12, met: false },
    ]);
  });

  it('when a presence is still open, its minutes count live, and today joins the streak once met', async () => {
    const user = await makeUser(t);
    await spend(t, clock, user, kst(2026, 3, 9, 9), 30);
    clock.set(kst(2026, 3, 10, 9));
    const p = presence(t, clock, user.id);
    await p.start();
    clock.set(kst(2026, 3, 10, 9, 29));
    expect(await streakOf(user)).toMatchObject({ current: 1, today: { minutes: 29, met: false } });
    clock.set(kst(2026, 3, 10, 9, 31));
    expect(await streakOf(user)).toMatchObject({ current: 2, today: { minutes: 31, met: true } });
    await p.end();
    expect(await streakOf(user)).toMatchObject({ current: 2, today: { minutes: 31, met: true } });
  });

  it('when a day was missed, the current streak restarts after it and the longest keeps the older run', async () => {
    clock.set(kst(2026, 3, 10, 10));
    const user = await makeUser(t);
    await history(t, user, [
      [kst(2026, 3, 1, 9), 30], [kst(2026, 3, 2, 9), 30], [kst(2026, 3, 3, 9), 30], [kst(2026, 3, 4, 9), 30],
      [kst(2026, 3, 5, 9), 29],
      [kst(2026, 3, 6, 23, 50), 20], [kst(2026, 3, 7, 9), 30], [kst(2026, 3, 8, 9), 30], [kst(2026, 3, 9, 9), 30],
    ]);
    expect(await streakOf(user)).toMatchObject({ current: 3, longest: 4, today: { minutes: 0, met: false } });
  });

  it('when the goal is met 7 days in a row, streak7 (badge 10) is awarded once; 30 days award streak30 (11)', async () => {
    clock.set(kst(2026, 3, 10, 10));
    const user = await makeUser(t);
    const days = (n: number) => Array.from({ length: n }, (_, i) => [kst(2026, 3, 9, 9) - i * 24 * 60 * MIN, 31] as [number, number]);
    await history(t, user, days(7));
    expect((await streakOf(user)).current).toBe(7);
    const badges = async () => (await t.http().get('/api/user/me/badges').set(user.auth).expect(200)).body.data.map((b: { id: number }) => b.id);
    expect(await badges()).toEqual([10]);
    await history(t, user, days(30).slice(7));
    expect((await streakOf(user)).longest).toBe(30);
    expect(await badges()).toEqual([10, 11]);
  });

  it("when :userId is another user's, answers 403; a bad id 400; no token 401", async () => {
    const [user, other] = [await makeUser(t), await makeUser(t)];
    await t.http().get(`/api/user/${user.id}/streak`).set(user.auth).expect(200);
    expect((await t.http().get(`/api/user/${other.id}/streak`).set(user.auth).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http().get('/api/user/abc/streak').set(user.auth).expect(400)).body.code).toBe('VALIDATION');
    await t.http().get('/api/user/me/streak').expect(401);
  });
});
