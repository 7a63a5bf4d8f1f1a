import { makeUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { count, inBatches, rows } from './rest-support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('firstCome (badge 7) at log-in', () => {
  it('when 150 new users log in at once, exactly 100 get the badge and the stock ends at 0', async () => {
    const users = await inBatches(Array.from({ length: 150 }, (_, i) => i), 10, () => makeUser(t));
    expect(await count(t, 'SELECT COUNT(*) AS n FROM user_badges WHERE badgeId = 7')).toBe(0);

    const logIns = await Promise.all(users.map((u: TestUser) => t.http().post('/api/auth').send({ origin: u.origin, pwd: u.pwd })));
    expect(logIns.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);

    expect(await count(t, 'SELECT COUNT(*) AS n FROM user_badges WHERE badgeId = 7')).toBe(100);
    expect(await count(t, 'SELECT COUNT(DISTINCT userId) AS n FROM user_badges WHERE badgeId = 7')).toBe(100);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM users WHERE newBadge = 7')).toBe(100);
    const [badge] = await rows<{ leftBadges: unknown }>(t, 'SELECT leftBadges FROM badges WHERE id = 7');
    expect(Number(badge!.leftBadges)).toBe(0);

    // Logging in again never awards a second one, to anyone.
    await inBatches(users.slice(0, 20), 10, (u) => t.http().post('/api/auth').send({ origin: u.origin, pwd: u.pwd }).expect(200));
    expect(await count(t, 'SELECT COUNT(*) AS n FROM user_badges WHERE badgeId = 7')).toBe(100);
  }, 120_000);
});
