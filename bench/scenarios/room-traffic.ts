import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { createApi } from '../lib/api';
import { closeAll, connectAll, joinRoom } from '../lib/clients';
import { delay, mapLimit, pollUntil } from '../lib/limits';
import { makeGuests, seatInRooms } from '../lib/population';
import { sampleWindow } from '../lib/proc-sampler';
import { profileWindow, spawnServer, type ServerKind } from '../lib/spawn-server';
import { percentile } from '../lib/stats';

export type TrafficOptions = { clients: number; roomSize: number; seconds: number; cpuProfDir?: string };
export type TrafficRun = {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Server CPU over the sending window, in % of one core. */
  cpuPercent: number;
  rssMaxMb: number;
  sent: number;
  /** Share of the expected deliveries (each message to every other member) that arrived. */
  deliveredPercent: number;
};

/**
 * Fills the rooms group by group: a group's REST entries are followed at once by its sockets' `join
 * room`, as a real client does. (Entering everyone first would let the server's reconnect grace, which
 * ends REST entries never followed by a join, empty the first rooms before their sockets arrive.)
 */
async function fillRooms(kind: ServerKind, url: string, options: TrafficOptions, opened: Socket[]): Promise<Socket[]> {
  const api = createApi(url);
  const users = kind === 'app' ? await makeGuests(api, options.clients) : [];
  const tag = randomBytes(3).toString('hex');
  const groupCount = Math.ceil(options.clients / options.roomSize);
  const groups = await mapLimit(Array.from({ length: groupCount }, (_, g) => g), 16, async (g) => {
    const size = Math.min(options.roomSize, options.clients - g * options.roomSize);
    let roomId = g + 1;
    let tokens: (string | undefined)[] = Array.from({ length: size }, () => undefined);
    if (kind === 'app') {
      const group = users.slice(g * options.roomSize, g * options.roomSize + size);
      const [seat] = await seatInRooms(api, group, options.roomSize, `${tag}${g}`);
      roomId = (seat as { roomId: number }).roomId;
      tokens = group.map((u) => u.token);
    }
    const sockets = await connectAll(url, tokens, size);
    opened.push(...sockets);
    await Promise.all(sockets.map((socket) => joinRoom(socket, roomId)));
    return sockets;
  });
  return groups.flat();
}

/**
 * Scenario 1 on one server: every client sends one chat message a second (each at its own phase) for
 * `seconds`; each receiver computes the delivery latency from the send time embedded in the text (one
 * clock: all clients live in this process). The server's CPU is measured over the sending window only.
 */
export async function runRoomTraffic(kind: ServerKind, options: TrafficOptions): Promise<TrafficRun> {
  const server = await spawnServer(kind);
  let sockets: Socket[] = [];
  try {
    const opened: Socket[] = [];
    try {
      sockets = await fillRooms(kind, server.url, options, opened);
    } catch (err) {
      closeAll(opened);
      throw err;
    }

    const latencies: number[] = [];
    for (const socket of sockets) {
      socket.on('receive_message', (m: { message?: string }) => {
        const sentAt = Number(m.message?.slice(2));
        if (Number.isFinite(sentAt)) latencies.push(performance.now() - sentAt);
      });
    }

    const endProfile = await profileWindow(server, options.cpuProfDir, 'traffic');
    const sampler = sampleWindow(server.pid);
    let sent = 0;
    const timers: NodeJS.Timeout[] = [];
    const endAt = performance.now() + options.seconds * 1000;
    sockets.forEach((socket, i) => {
      const send = () => {
        if (performance.now() >= endAt) return;
        socket.emit('send_message', { message: `t=${performance.now().toFixed(3)}` });
        sent++;
      };
      // Spread the first sends over one second so the load is steady, not a 1 000-message burst each second.
      const phase = (i * 1000) / sockets.length;
      timers.push(setTimeout(() => {
        send();
        timers.push(setInterval(send, 1000));
      }, phase));
    });
    await delay(options.seconds * 1000);
    const window = sampler.stop();
    await endProfile();
    for (const t of timers) clearInterval(t);
    const expected = () => sent * (options.roomSize - 1);
    await pollUntil(() => latencies.length >= expected(), 5_000);

    return {
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      maxMs: percentile(latencies, 100),
      cpuPercent: window.cpuPercent,
      rssMaxMb: window.rssMaxBytes / 2 ** 20,
      sent,
      deliveredPercent: (100 * latencies.length) / Math.max(1, expected()),
    };
  } finally {
    closeAll(sockets);
    await server.stop();
  }
}
