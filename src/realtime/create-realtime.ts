import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import type { Config } from '../config';
import { toAppError } from '../errors';
import { corsOriginOption, handshakeOriginAllowed } from '../http/create-http-app';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { clientAddress } from './client-address';
import { createOnEvent } from './on-event';
import { connectRedis, quitRedis, withQuietPublish } from './redis-connection';
import { createRedisLimits } from './redis-limits';
import { createRedisRoomStore } from './redis-room-store';
import { createLocalRoomStore, type RoomStore } from './room-store';
import { userChannel, type IoServer, type SocketFeature } from './socket-types';
import { createUserLimits } from './user-limits';

type RealtimeDeps = {
  server: http.Server;
  config: Pick<Config, 'redisUrl' | 'redis' | 'socket' | 'env' | 'corsOrigins' | 'publicUrl'>;
  /** Resolves the handshake's token to its user; rejects for a bad one. */
  authenticate: (token: string) => Promise<{ id: number; jti: string; tokenExpiresAt: Date }>;
  clock: Pick<Clock, 'now' | 'setInterval' | 'clearTimer'>;
  log: Logger;
};

/**
 * Socket.IO on the REST server's http.Server: handshake authentication, per-connection limits, the
 * live room state (in process, or in Redis with REDIS_URL so that several processes share rooms), and
 * the features `app.ts` hands to `start`. This layer knows no feature.
 */
export async function createRealtime({ server, config, authenticate, clock, log }: RealtimeDeps) {
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, config.redis.commandTimeoutMs, log) : undefined;
  const store: RoomStore = redis ? createRedisRoomStore(redis.commands, config.redis.prefix) : createLocalRoomStore();

  const originAllowed = handshakeOriginAllowed(config);
  const io: IoServer = new Server(server, {
    path: '/socket.io',
    cors: { origin: corsOriginOption(config), credentials: false },
    // `cors` covers polling only: a websocket upgrade's Origin is checked here, with the same rule as REST.
    allowRequest: (req, callback) => callback(null, originAllowed(req.headers.origin)),
    maxHttpBufferSize: config.socket.maxPayloadBytes,
    pingInterval: config.socket.pingIntervalMs,
    pingTimeout: config.socket.pingTimeoutMs,
  });
  if (redis) io.adapter(createAdapter(withQuietPublish(redis.commands, log), redis.subscriber, { key: `${config.redis.prefix}socket.io`, requestsTimeout: 2_000 }));

  const limits = createUserLimits(config.socket, clock, redis ? createRedisLimits(redis.commands, config.redis.prefix) : undefined);
  // Before authentication, so a flood of bad tokens costs no database read. Behind nginx every handshake
  // comes from its address: the client's is the one it forwards.
  io.use((socket, next) => {
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
    next(limits.handshakeByAddress(address) ? undefined : new Error('RATE_LIMITED'));
  });
  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return next(new Error('UNAUTHENTICATED'));
    authenticate(token.replace(/^Bearer /, ''))
      .then((user) => {
        socket.data.userId = user.id;
        socket.data.jti = user.jti;
        socket.data.tokenExpiresAt = user.tokenExpiresAt.getTime();
        next(limits.handshakeByUser(user.id) ? undefined : new Error('RATE_LIMITED'));
      })
      .catch((err: unknown) => {
        const code = toAppError(err, log).code;
        next(new Error(code === 'UNAVAILABLE' ? 'UNAVAILABLE' : 'UNAUTHENTICATED'));
      });
  });

  const onEvent = createOnEvent(log);
  let features: readonly SocketFeature[] = [];

  io.on('connection', (socket) => {
    const userId = socket.data.userId;
    // A user's newer connection replaces the older one, on whichever process it lives; no leave follows.
    // The Redis adapter applies this asynchronously, even locally, hence `except` for the new socket.
    io.in(userChannel(userId)).except(socket.id).disconnectSockets(true);
    void socket.join(userChannel(userId));
    const connection = { socket, limiters: limits.forUser(userId), onEvent };
    for (const feature of features) feature.register(connection);
  });

  /** Registers the features for every connection from now on and starts them, in order. */
  async function start(list: readonly SocketFeature[]): Promise<void> {
    features = list;
    for (const feature of features) await feature.start?.();
  }

  /** Every feature's scheduled work done: what a test waits for after moving the clock, instead of sleeping. */
  async function settled(): Promise<void> {
    for (const feature of features) await feature.settled?.();
  }

  let closing: Promise<void> | undefined;
  /** Stops the features (newest first), disconnects every socket (this also closes the http.Server), then Redis. */
  function close(): Promise<void> {
    closing ??= (async () => {
      limits.stop();
      for (const feature of [...features].reverse()) await feature.stop?.();
      // With Redis unreachable the adapter's unsubscribe would wait for ever: drop the connections first.
      if (redis && (redis.commands.status !== 'ready' || redis.subscriber.status !== 'ready')) {
        redis.commands.disconnect();
        redis.subscriber.disconnect();
      }
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      await store.close();
      if (redis) await Promise.all([quitRedis(redis.commands), quitRedis(redis.subscriber)]);
    })();
    return closing;
  }

  /** Runs `listener` each time Redis is ready again after a disconnect (it may have come back empty). */
  function onStoreReconnected(listener: () => void): void {
    redis?.commands.on('ready', listener);
  }

  return { io, store, start, settled, close, onStoreReconnected, ping: async () => (redis ? void (await redis.commands.ping()) : undefined) };
}
export type Realtime = Awaited<ReturnType<typeof createRealtime>>;
