import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { createApi } from '../lib/api';
import { closeAll, connectAll, joinRoom } from '../lib/clients';
import { delay, mapLimit, pollUntil } from '../lib/limits';
import { makeGuests, seatInRooms } from '../lib/population';
import { sampleWindow } from '../lib/proc-sampler';
import { spawnServer, type ServerKind } from '../lib/spawn-server';
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

type Client = { token?: string; roomId: number };

/** Our server: real guests seated in real rooms over REST, then authenticated sockets. */
async function prepareOurs(url: string, options: TrafficOptions): Promise<Client[]> {
  const api = createApi(url);
  const users = await makeGuests(api, options.clients);
  const seats = await seatInRooms(api, users, options.roomSize, randomBytes(3).toString('hex'));
  return seats.map((s) => ({ token: s.user.token, roomId: s.roomId }));
}

/** The relay: the same room layout, no accounts. */
function prepareRelay(options: TrafficOptions): Client[] {
  return Array.from({ length: options.clients }, (_, i) => ({ roomId: 1 + Math.floor(i / options.roomSize) }));
}

/**
 * Scenario 1 on one server: every client sends one chat message a second (each at its own phase) for
 * `seconds`; each receiver computes the delivery latency from the send time embedded in the text (one
 * clock: all clients live in this process). The server's CPU is measured over the sending window only.
 */
export async function runRoomTraffic(kind: ServerKind, options: TrafficOptions): Promise<TrafficRun> {
  const server = await spawnServer(kind, { cpuProfDir: options.cpuProfDir });
  let sockets: Socket[] = [];
  try {
    const clients = kind === 'app' ? await prepareOurs(server.url, options) : prepareRelay(options);
    sockets = await connectAll(server.url, clients.map((c) => c.token));
    await mapLimit(sockets, 100, (socket, i) => joinRoom(socket, (clients[i] as Client).roomId));

    const latencies: number[] = [];
    for (const socket of sockets) {
      socket.on('receive_message', (m: { message?: string }) => {
        const sentAt = Number(m.message?.slice(2));
        if (Number.isFinite(sentAt)) latencies.push(performance.now() - sentAt);
      });
    }

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
