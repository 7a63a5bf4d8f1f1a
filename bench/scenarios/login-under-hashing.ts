import { randomBytes } from 'node:crypto';
import { percentile } from '../lib/stats';
import { spawnServer } from '../lib/spawn-server';

export type LoginLoadOptions = { creators: number; logins: number };
export type LoginLoadRun = {
  quietP50Ms: number;
  quietP99Ms: number;
  loadedP50Ms: number;
  loadedP99Ms: number;
  /** Secret rooms made while the log-ins were measured, and creations refused (429) meanwhile. */
  created: number;
  refused: number;
};

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });

/** One log-in after another, each timed from request to answer; any answer but 200 fails the run. */
async function timedLogIns(api: string, origin: string, pwd: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const res = await post(`${api}/auth`, { origin, pwd });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`log-in answered ${res.status}`);
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Scenario 5: what secret-room creation costs everybody else. One user logs in again and again, first on a
 * quiet server, then while `creators` guests create secret rooms as fast as the server lets them (each one
 * a bcrypt hash). bcrypt runs with production's cost (BCRYPT_ROUNDS=10) in this scenario, and the room
 * creation limit is production's.
 */
export async function runLoginUnderHashing(options: LoginLoadOptions): Promise<LoginLoadRun> {
  const server = await spawnServer('app', { env: { BCRYPT_ROUNDS: '10' } });
  const api = `${server.url}/api`;
  try {
    const origin = `bench-${randomBytes(4).toString('hex')}@example.com`;
    const pwd = `Bench-${randomBytes(5).toString('hex')}`;
    const signedUp = await post(`${api}/auth/local`, { origin, nickname: `b${randomBytes(3).toString('hex')}`, pwd });
    if (!signedUp.ok) throw new Error(`sign-up answered ${signedUp.status}: ${await signedUp.text()}`);
    const guests = await Promise.all(
      Array.from({ length: options.creators }, async () => {
        const res = await fetch(`${api}/auth/anon`, { signal: AbortSignal.timeout(30_000) });
        return ((await res.json()) as { data: { token: string } }).data.token;
      }),
    );
    await timedLogIns(api, origin, pwd, 3); // warm-up
    const quiet = await timedLogIns(api, origin, pwd, options.logins);

    let creating = true;
    let created = 0;
    let refused = 0;
    const creators = guests.map(async (token, n) => {
      for (let i = 0; creating; i++) {
        const res = await post(`${api}/room/new`, { title: `s${n}-${i}-${randomBytes(2).toString('hex')}`, isSecret: true, pwd: '4821', categoryId: 3, tags: [] }, token);
        await res.arrayBuffer();
        if (res.status === 201 || res.status === 200) created++;
        else if (res.status === 429) {
          refused++;
          // A refused client waits a moment, as a real one would, instead of spinning on 429s.
          await new Promise((r) => setTimeout(r, 250));
        } else throw new Error(`room creation answered ${res.status}`);
      }
    });
    const during = { created: 0, refused: 0 };
    // Measured once every creator has had its first answer, so the load is on for the whole window.
    while (created + refused < options.creators) await new Promise((r) => setTimeout(r, 20));
    const [createdBefore, refusedBefore] = [created, refused];
    const loaded = await timedLogIns(api, origin, pwd, options.logins);
    during.created = created - createdBefore;
    during.refused = refused - refusedBefore;
    creating = false;
    await Promise.all(creators);
    return {
      quietP50Ms: percentile(quiet, 50),
      quietP99Ms: percentile(quiet, 99),
      loadedP50Ms: percentile(loaded, 50),
      loadedP99Ms: percentile(loaded, 99),
      created: during.created,
      refused: during.refused,
    };
  } finally {
    await server.stop();
  }
}
