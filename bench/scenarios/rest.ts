import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { delay } from '../lib/limits';
import { seedRestData } from '../lib/seed-rest';
import { profileWindow, spawnServer } from '../lib/spawn-server';

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
  const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-bench-rest-'));
  const sqlitePath = path.join(seedDir, 'rest.sqlite');
  const jwtSecret = randomBytes(32).toString('hex');
  try {
    const seed = await seedRestData(sqlitePath, jwtSecret, options.rooms, options.sessions);
    const server = await spawnServer('app', { sqlitePath, env: { JWT_SECRET: jwtSecret } });
    try {
      const endpoints = [
        { endpoint: 'GET /api/rooms?q=all&p=1', url: `${server.url}/api/rooms?q=all&p=1` },
        { endpoint: `GET /api/rooms?q=${seed.searchWord}&p=1 (text search)`, url: `${server.url}/api/rooms?q=${seed.searchWord}&p=1`, },
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
  } finally {
    fs.rmSync(seedDir, { recursive: true, force: true });
  }
}
