import { percentile } from '../lib/stats';
import { seedHabitsData } from '../lib/seed-habits';
import { spawnSeededApp } from '../lib/spawn-server';

export type HabitsOptions = { sessions: number[]; streakDays: number; boardUsers: number; requests: number };
export type LatencyRow = { endpoint: string; p50Ms: number; p99Ms: number; requests: number; non2xx: number };
export type HabitsResult = { records: (LatencyRow & { sessions: number })[]; streak: LatencyRow; board: LatencyRow[] };

/** Sequential requests (one in flight), so each figure is one request's own latency, not a queue's. */
async function latency(endpoint: string, url: string, token: string, requests: number): Promise<LatencyRow> {
  const times: number[] = [];
  let non2xx = 0;
  const once = async () => {
    const start = performance.now();
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer();
    if (!res.ok) non2xx++;
    return performance.now() - start;
  };
  for (let i = 0; i < Math.min(10, requests); i++) await once();
  for (let i = 0; i < requests; i++) times.push(await once());
  return { endpoint, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), requests, non2xx };
}

/**
 * Scenario 6: the habit reads over the roll-up. Records latency for users with 100 to 50 000 sessions in the
 * last year (a read must not grow with history), the streak of two years of daily sessions, and the
 * leaderboard of `boardUsers` users, on one seeded server.
 */
export async function runHabits(options: HabitsOptions): Promise<HabitsResult> {
  const { server, seeded } = await spawnSeededApp(
    (sqlitePath, jwtSecret) => seedHabitsData(sqlitePath, jwtSecret, options.sessions, options.streakDays, options.boardUsers),
  );
  try {
    const records = [];
    for (const r of seeded.records) {
      records.push({ sessions: r.sessions, ...(await latency(`GET /api/user/me/records (${r.sessions} sessions)`, `${server.url}/api/user/me/records`, r.token, options.requests)) });
    }
    const streak = await latency(`GET /api/user/me/streak (${options.streakDays} days)`, `${server.url}/api/user/me/streak`, seeded.streak.token, options.requests);
    const board = [];
    for (const q of ['period=week', 'period=week&categoryId=3', 'period=month&limit=100']) {
      board.push(await latency(`GET /api/leaderboard?${q} (${options.boardUsers} users)`, `${server.url}/api/leaderboard?${q}`, seeded.board.token, options.requests));
    }
    return { records, streak, board };
  } finally {
    await server.stop();
  }
}
