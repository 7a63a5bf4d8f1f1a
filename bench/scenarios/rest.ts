import autocannon from 'autocannon';
import { delay } from '../lib/limits';
import { seedRestData } from '../lib/seed-rest';
import { profileWindow, spawnSeededApp } from '../lib/spawn-server';

export type RestOptions = { rooms: number; sessions: number; durationSeconds: number; connections: number; runs: number; cpuProfDir?: string };
export type RestRun = { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number };
export type RestResult = { endpoint: string; runs: RestRun[] }[];

async function cannon(url: string, durationSeconds: number, connections: number, token?: string): Promise<RestRun> {
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Scenario 4: the room list, a text search and a year of records, each hammered by autocannon from
 * this (the bench) process against a server seeded with `rooms` rooms. One server serves every run,
 * so the runs see a warmed-up process, as production would.
 */
export async function runRest(options: RestOptions): Promise<RestResult> {
  // Seeded members have no socket, and a starting server ends such memberships once the reconnect grace
  // has passed (crash recovery): 10 000 leave transactions in the middle of the measurement. The grace
  // is set beyond the bench's length so the rooms stay as seeded.
  const { server, seeded: seed } = await spawnSeededApp(
    (sqlitePath, jwtSecret) => seedRestData(sqlitePath, jwtSecret, options.rooms, options.sessions),
    { RECONNECT_GRACE_MS: String(60 * 60_000) },
  );
  try {
    const endpoints = [
      { endpoint: 'GET /api/rooms?q=all&p=1', url: `${server.url}/api/rooms?q=all&p=1` },
      { endpoint: `GET /api/rooms?q=${seed.searchWord}&p=1 (text search)`, url: `${server.url}/api/rooms?q=${seed.searchWord}&p=1` },
      { endpoint: `GET /api/user/me/records (${seed.sessions} sessions in a year)`, url: `${server.url}/api/user/me/records`, token: seed.recordsUserToken },
    ];
    const results: RestResult = [];
    for (const e of endpoints) {
      const probe = await fetch(e.url, { headers: e.token ? { Authorization: `Bearer ${e.token}` } : {}, signal: AbortSignal.timeout(30_000) });
      if (!probe.ok) {
        results.push({ endpoint: `${e.endpoint}: not measured, the server answers ${probe.status}`, runs: [] });
        continue;
      }
      await cannon(e.url, 1, options.connections, e.token);
      const runs: RestRun[] = [];
      const endProfile = await profileWindow(server, options.cpuProfDir, `rest-${results.length + 1}`);
      for (let i = 0; i < options.runs; i++) runs.push(await cannon(e.url, options.durationSeconds, options.connections, e.token));
      await endProfile();
      results.push({ endpoint: e.endpoint, runs });
    }
    return results;
  } finally {
    // autocannon drops its sockets at the deadline while the server may still be answering them.
    await delay(1_000);
    await server.stop();
  }
}
