import { createManualClock } from '../shared/clock';
import { makeUser } from '../../test/support/factories';
import { startTestApp, type TestApp } from '../../test/support/test-app';
import { localDateOf } from './calendar';
import { buildHistory, seedHistory } from './seed-history';

const now = Date.UTC(2026, 5, 17, 6); // Wednesday 2026-06-17, 15:00 in Seoul
const clock = createManualClock(now);
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ HEARTBEAT_MS: '3600000' }, { clock });
});
afterAll(() => t.close());

describe('seedHistory', () => {
  it('builds the same history from the same seed: closed, ordered, non-overlapping sessions within the span', () => {
    const a = buildHistory({ userId: 1, sessions: 500, endAt: now, seed: 7 });
    const b = buildHistory({ userId: 1, sessions: 500, endAt: now, seed: 7 });
    expect(a.map(({ id: _id, ...rest }) => rest)).toEqual(b.map(({ id: _id, ...rest }) => rest));
    expect(a[0]!.joinedAt).toBeGreaterThanOrEqual(now - 365 * 86_400_000);
    for (let i = 0; i < a.length; i++) {
      expect(a[i]!.leftAt!).toBeGreaterThan(a[i]!.joinedAt);
      expect(a[i]!.leftAt!).toBeLessThanOrEqual(i + 1 < a.length ? a[i + 1]!.joinedAt : now);
    }
  });

  it('writes a year of 3 000 sessions through the store, and this month\'s records add up to exactly that history', async () => {
    const user = await makeUser(t);
    const written = await seedHistory(t.app.participationStore, { userId: user.id, sessions: 3_000, endAt: now });
    const res = await t.http().get('/api/user/me/records').set(user.auth).expect(200);

    // An independent sum: whole sessions of June that do not cross a Seoul midnight, in minutes per day.
    const expected = new Array<number>(31).fill(0);
    const ms = new Array<number>(31).fill(0);
    for (const e of written) {
      const from = localDateOf(e.joinedAt, 'Asia/Seoul');
      const to = localDateOf(e.leftAt! - 1, 'Asia/Seoul');
      if (from.year !== 2026 || from.month !== 6 || from.day !== to.day) continue;
      ms[from.day - 1]! += e.leftAt! - e.joinedAt;
    }
    ms.forEach((v, i) => (expected[i] = Math.floor(v / 60_000)));
    const got = (res.body.data.monthRecord as { time: number }[]).map((m) => m.time);
    // Days whose sessions all stayed inside the day must match exactly; a crossing session moves minutes between days.
    const crossing = new Set(
      written
        .filter((e) => localDateOf(e.joinedAt, 'Asia/Seoul').day !== localDateOf(e.leftAt! - 1, 'Asia/Seoul').day)
        .flatMap((e) => [localDateOf(e.joinedAt, 'Asia/Seoul'), localDateOf(e.leftAt! - 1, 'Asia/Seoul')])
        .filter((d) => d.year === 2026 && d.month === 6)
        .map((d) => d.day - 1),
    );
    got.forEach((time, i) => {
      if (!crossing.has(i)) expect(time).toBe(expected[i]);
    });
    expect(got.slice(17).every((time) => time === 0)).toBe(true);
    expect(got.slice(0, 16).some((time) => time > 0)).toBe(true);
  });
});
