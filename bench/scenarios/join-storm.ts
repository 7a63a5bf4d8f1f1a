import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { createApi, type BenchUser } from '../lib/api';
import { closeAll, connectAll, joinRoom } from '../lib/clients';
import { withTimeout } from '../lib/limits';
import { benchTitle, makeGuests } from '../lib/population';
import { profileWindow, spawnServer } from '../lib/spawn-server';
import { percentile } from '../lib/stats';

export type StormOptions = { users: number; roomSize: number; cpuProfDir?: string };
export type StormRun = { joinsPerSecond: number; p50Ms: number; p99Ms: number; signInsPerSecond: number };

/**
 * Scenario 2: users already signed in and connected all enter at once. Each group's first user creates
 * the room, the rest enter it as soon as it exists; every user then sends `join room`. One join is
 * timed from the start of its REST call to the arrival of `send users`.
 */
export async function runJoinStorm(options: StormOptions): Promise<StormRun> {
  const server = await spawnServer('app');
  const api = createApi(server.url);
  let sockets: Socket[] = [];
  try {
    const signInStart = performance.now();
    const users = await makeGuests(api, options.users);
    const signInSeconds = (performance.now() - signInStart) / 1000;
    sockets = await connectAll(server.url, users.map((u) => u.token));

    const tag = randomBytes(3).toString('hex');
    const joinMs: number[] = [];
    const enterAndJoin = async (user: BenchUser, socket: Socket, enter: () => Promise<number>) => {
      const start = performance.now();
      const roomId = await enter();
      await joinRoom(socket, roomId);
      joinMs.push(performance.now() - start);
      return roomId;
    };
    const groups = Array.from({ length: Math.ceil(users.length / options.roomSize) }, (_, g) => g);
    const endProfile = await profileWindow(server, options.cpuProfDir, 'storm');
    const stormStart = performance.now();
    await withTimeout(
      Promise.all(
        groups.map(async (g) => {
          const at = g * options.roomSize;
          const host = users[at] as BenchUser;
          const roomId = await enterAndJoin(host, sockets[at] as Socket, () => api.createRoom(host, benchTitle(tag, g)));
          const others = users.slice(at + 1, at + options.roomSize);
          await Promise.all(
            others.map((user, k) =>
              enterAndJoin(user, sockets[at + 1 + k] as Socket, async () => {
                await api.enterRoom(user, roomId);
                return roomId;
              }),
            ),
          );
        }),
      ),
      120_000,
      'join storm',
    );
    const stormSeconds = (performance.now() - stormStart) / 1000;
    await endProfile();
    return {
      joinsPerSecond: users.length / stormSeconds,
      p50Ms: percentile(joinMs, 50),
      p99Ms: percentile(joinMs, 99),
      signInsPerSecond: users.length / signInSeconds,
    };
  } finally {
    closeAll(sockets);
    await server.stop();
  }
}
