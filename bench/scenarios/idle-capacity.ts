import type { Socket } from 'socket.io-client';
import { closeAll, connectAll } from '../lib/clients';
import { delay } from '../lib/limits';
import { seedPopulation } from '../lib/seed-db';
import { readProc } from '../lib/proc-sampler';
import { spawnSeededApp, spawnServer, type ServerKind } from '../lib/spawn-server';

export type IdleOptions = { sockets: number; settleMs: number };
export type IdleRun = { rssBeforeMb: number; rssAfterMb: number; kbPerSocket: number; connectsPerSecond: number };

/**
 * Scenario 3: RSS growth per idle connected socket. The accounts are in the database before the start;
 * the server is garbage-collected and measured before and after the sockets connect, so the difference
 * is what live, authenticated connections cost. Each socket needs a file descriptor in both
 * processes: the bench needs `ulimit -n` above `sockets` (the shell's limit is inherited).
 */
export async function runIdleCapacity(kind: ServerKind, options: IdleOptions): Promise<IdleRun> {
  const { server, tokens } =
    kind === 'app'
      ? await spawnSeededApp((file, secret) => seedPopulation(file, secret, options.sockets)).then(({ server, seeded }) => ({ server, tokens: seeded.users.map((u) => u.token) }))
      : { server: await spawnServer('relay'), tokens: Array.from({ length: options.sockets }, () => undefined) };
  let sockets: Socket[] = [];
  try {
    await delay(options.settleMs);
    await server.gc();
    const before = readProc(server.pid).rssBytes;
    const connectStart = performance.now();
    sockets = await connectAll(server.url, tokens, 200);
    const connectSeconds = (performance.now() - connectStart) / 1000;
    await delay(options.settleMs);
    await server.gc();
    const after = readProc(server.pid).rssBytes;
    const connected = sockets.filter((s) => s.connected).length;
    if (connected !== options.sockets) throw new Error(`only ${connected} of ${options.sockets} sockets stayed connected`);
    return {
      rssBeforeMb: before / 2 ** 20,
      rssAfterMb: after / 2 ** 20,
      kbPerSocket: (after - before) / 1024 / options.sockets,
      connectsPerSecond: options.sockets / connectSeconds,
    };
  } finally {
    closeAll(sockets);
    await server.stop();
  }
}
