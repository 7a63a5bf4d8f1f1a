import type { Socket } from 'socket.io-client';
import { closeAll, connectAll, joinRoom } from '../lib/clients';
import { delay, mapLimit, pollUntil } from '../lib/limits';
import { sampleWindow, waitUntilQuiet } from '../lib/proc-sampler';
import { seedPopulation } from '../lib/seed-db';
import { profileWindow, spawnSeededApp, spawnServer, type ServerKind } from '../lib/spawn-server';
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

/** With-me's rooms are written into its database before it starts (see seed-db.ts); the relay has no accounts. */
async function startServer(kind: ServerKind, options: TrafficOptions) {
  if (kind === 'relay') {
    const server = await spawnServer('relay');
    const roomIds = Array.from({ length: options.clients }, (_, i) => 1 + Math.floor(i / options.roomSize));
    return { server, tokens: roomIds.map(() => undefined), roomIds };
  }
  // Seeded members must `join room` within the reconnect grace or the server ends their membership; a
  // 2-core machine connects 1 000 sockets in about 10 s, so the grace is raised for this scenario only.
  const { server, seeded } = await spawnSeededApp((file, secret) => seedPopulation(file, secret, options.clients, options.roomSize), { RECONNECT_GRACE_MS: '120000' });
  return { server, tokens: seeded.users.map((u) => u.token), roomIds: seeded.roomIds };
}

/**
 * Scenario 1 on one server: every client sends one chat message a second (each at its own phase) for
 * `seconds`; each receiver computes the delivery latency from the send time embedded in the text (one
 * clock: all clients live in this process). The server's CPU is measured over the sending window only.
 */
export async function runRoomTraffic(kind: ServerKind, options: TrafficOptions): Promise<TrafficRun> {
  const { server, tokens, roomIds } = await startServer(kind, options);
  let sockets: Socket[] = [];
  try {
    sockets = await connectAll(server.url, tokens);
    await mapLimit(sockets, 100, (socket, i) => joinRoom(socket, roomIds[i] as number));

    const latencies: number[] = [];
    for (const socket of sockets) {
      socket.on('receive_message', (m: { message?: string }) => {
        const sentAt = Number(m.message?.slice(2));
        if (Number.isFinite(sentAt)) latencies.push(performance.now() - sentAt);
      });
    }

    await waitUntilQuiet(server.pid);
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
