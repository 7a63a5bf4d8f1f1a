import { loadPlan } from './plan';
import { renderReport } from './report';
import { runBench } from './run';

/**
 * Keeps the bench harness working under `npm test`: every scenario once, tiny (a few clients, a second
 * of traffic), against real forked servers. It checks that the harness measures, not how fast anything is.
 */
describe('bench harness smoke run', () => {
  it('when every scenario runs once at toy size, each one measures and the report shows it', async () => {
    const plan = loadPlan({
      BENCH_RUNS: '1',
      BENCH_TRAFFIC_CLIENTS: '8',
      BENCH_TRAFFIC_SECONDS: '1',
      BENCH_STORM_USERS: '8',
      BENCH_IDLE_SOCKETS: '20',
      BENCH_REST_ROOMS: '30',
      BENCH_REST_SESSIONS: '20',
      BENCH_REST_SECONDS: '1',
      BENCH_REST_CONNECTIONS: '2',
      BENCH_LOGIN_CREATORS: '2',
      BENCH_LOGINS: '3',
      BENCH_HABITS_SESSIONS: '5,20',
      BENCH_HABITS_STREAK_DAYS: '10',
      BENCH_HABITS_BOARD_USERS: '50',
      BENCH_HABITS_REQUESTS: '3',
    });
    const results = await runBench(plan);

    if (!results.traffic?.ok) throw new Error(`traffic: ${results.traffic?.ok === false ? results.traffic.error : 'not run'}`);
    for (const run of [...results.traffic.value.ours, ...results.traffic.value.baseline]) {
      expect(run.sent).toBeGreaterThanOrEqual(8);
      expect(run.deliveredPercent).toBe(100);
      expect(run.p99Ms).toBeGreaterThan(0);
      expect(run.cpuPercent).toBeGreaterThanOrEqual(0);
    }

    if (!results.storm?.ok) throw new Error(`storm: ${results.storm?.ok === false ? results.storm.error : 'not run'}`);
    expect(results.storm.value[0]?.joinsPerSecond).toBeGreaterThan(0);

    if (!results.idle?.ok) throw new Error(`idle: ${results.idle?.ok === false ? results.idle.error : 'not run'}`);
    expect(results.idle.value.ours[0]?.rssAfterMb).toBeGreaterThan(0);

    if (!results.rest?.ok) throw new Error(`rest: ${results.rest?.ok === false ? results.rest.error : 'not run'}`);
    const roomList = results.rest.value[0];
    expect(roomList?.runs[0]?.requestsPerSecond).toBeGreaterThan(0);
    expect(roomList?.runs[0]?.non2xx).toBe(0);

    if (!results.login?.ok) throw new Error(`login: ${results.login?.ok === false ? results.login.error : 'not run'}`);
    expect(results.login.value[0]?.quietP50Ms).toBeGreaterThan(0);
    expect(results.login.value[0]?.loadedP50Ms).toBeGreaterThan(0);

    if (!results.start?.ok) throw new Error(`start: ${results.start?.ok === false ? results.start.error : 'not run'}`);
    expect(results.start.value[0]?.startToHealthMs).toBeGreaterThan(0);

    if (!results.habits?.ok) throw new Error(`habits: ${results.habits?.ok === false ? results.habits.error : 'not run'}`);
    expect(results.habits.value.records.map((r) => r.sessions)).toEqual([5, 20]);
    for (const r of [...results.habits.value.records, results.habits.value.streak, ...results.habits.value.board]) {
      expect(r.p50Ms).toBeGreaterThan(0);
      expect(r.non2xx).toBe(0);
    }

    const report = renderReport(results, '');
    for (const heading of ['## Machine and versions', '## 1. Room traffic', '## 2. Join storm', '## 3. Idle capacity', '## 4. REST', '## 5. Log-in', '## 6. Start', '## 7. Habits']) {
      expect(report).toContain(heading);
    }
  }, 240_000);
});
