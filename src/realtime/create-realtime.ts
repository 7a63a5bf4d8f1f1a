import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server } from 'socket.io';
import type { AuthService } from '../auth/auth.service';
import { createChatSockets } from '../chat/chat.socket';
import type { Config } from '../config';
import { toAppError } from '../errors';
import { corsOriginOption } from '../http/create-http-app';
import type { MemberEntered, MemberLeft, RoomEvents } from '../rooms/room-events';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { createSignalingSockets } from '../signaling/signaling.socket';
import { createMembership } from './membership';
import { createOnEvent } from './on-event';
import type { PresenceEvents } from './presence-events';
import { userChannel, type IoServer, type RealtimeContext, type SocketLimiters } from './realtime-context';
import { createRedisRoomStore } from './redis-room-store';
import { createLocalRoomStore, type RoomStore } from './room-store';
import { createTimerSockets } from './timer.socket';
import { createTokenBucket } from './token-bucket';

type RealtimeDeps = {
  server: http.Server;
  config: Config;
  auth: Pick<AuthService, 'authenticate'>;
  rooms: RealtimeContext['rooms'];
  users: RealtimeContext['users'];
  roomEvents: RoomEvents;
  presenceEvents: PresenceEvents;
  clock: Clock;
  log: Logger;
};

/** Redis clients that fail fast: a command waits at most the timeout and nothing queues while disconnected. */
async function connectRedis(config: Config, log: Logger) {
  const url = config.redisUrl!;
  const options = { lazyConnect: true, commandTimeout: config.redis.commandTimeoutMs, maxRetriesPerRequest: 1, enableOfflineQueue: false };
  const commands = new Redis(url, options);
  // The subscriber must resubscribe by itself after a reconnect, so its commands wait instead of failing.
  const subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
  for (const client of [commands, subscriber]) client.on('error', (err: Error) => log.warn({ err: err.message }, 'redis error'));
  await Promise.all([commands.connect(), subscriber.connect()]);
  return { commands, subscriber };
}

/** A polite QUIT when Redis answers, a hard disconnect when it does not within a moment. */
async function quitRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  await Promise.race([client.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
  client.disconnect();
}

/**
 * The Redis adapter publishes without handling a failure; while Redis is down that would be an
 * unhandled rejection, which stops Node. Its publishes are made to fail quietly (logged) instead.
 */
function withQuietPublish(client: Redis, log: Logger): Redis {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'publish') {
        return (...args: Parameters<Redis['publish']>) =>
          target.publish(...args).catch((err: Error) => {
            log.warn({ err: err.message }, 'redis publish failed');
            return 0;
          });
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Socket.IO on the REST server's http.Server: handshake authentication, the room features, and (with
 * REDIS_URL) the Redis adapter and store that let several processes share rooms.
 */
export async function createRealtime(deps: RealtimeDeps) {
  const { server, config, auth, rooms, users, roomEvents, presenceEvents, clock, log } = deps;
  const redis = config.redisUrl ? await connectRedis(config, log) : undefined;
  const store: RoomStore = redis ? createRedisRoomStore(redis.commands, config.redis.prefix) : createLocalRoomStore();

  const io: IoServer = new Server(server, {
    path: '/socket.io',
    cors: { origin: corsOriginOption(config), credentials: false },
    maxHttpBufferSize: config.socket.maxPayloadBytes,
  });
  if (redis) io.adapter(createAdapter(withQuietPublish(redis.commands, log), redis.subscriber, { key: `${config.redis.prefix}socket.io`, requestsTimeout: 2_000 }));

  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return next(new Error('UNAUTHENTICATED'));
    auth
      .authenticate(token.replace(/^Bearer /, ''))
      .then((user) => {
        socket.data.userId = user.id;
        next();
      })
      .catch((err: unknown) => {
        const code = toAppError(err, log).code;
        next(new Error(code === 'UNAVAILABLE' ? 'UNAVAILABLE' : 'UNAUTHENTICATED'));
      });
  });

  const ctx: RealtimeContext = { io, store, rooms, users, presenceEvents, config, clock, log, onEvent: createOnEvent(log) };
  const timers = createTimerSockets(ctx);
  const membership = createMembership({ ...ctx, forgetRoom: timers.forgetRoom });
  const features = [membership, timers, createChatSockets(ctx), createSignalingSockets(ctx)];

  io.on('connection', (socket) => {
    const userId = socket.data.userId;
    // A user's newer connection replaces the older one, on whichever process it lives; no leave follows.
    // The Redis adapter applies this asynchronously, even locally, hence `except` for the new socket.
    io.in(userChannel(userId)).except(socket.id).disconnectSockets(true);
    void socket.join(userChannel(userId));
    const limits = config.socket.limits;
    const limiters: SocketLimiters = {
      all: createTokenBucket(limits.all, clock.now),
      chat: createTokenBucket(limits.chat, clock.now),
      emoji: createTokenBucket(limits.emoji, clock.now),
      signal: createTokenBucket(limits.signal, clock.now),
      timer: createTokenBucket(limits.timer, clock.now),
    };
    for (const feature of features) feature.register(socket, limiters);
  });

  const onMemberLeft = (left: MemberLeft) => {
    membership.onMemberLeft(left).catch((err: unknown) => log.warn({ err, ...left }, 'socket side of a leave failed'));
  };
  const onMemberEntered = (entered: MemberEntered) => membership.scheduleGraceCheck(entered.roomId, entered.userId);
  roomEvents.on('member-left', onMemberLeft);
  roomEvents.on('member-entered', onMemberEntered);
  await membership.checkUnattendedMemberships();
  membership.startSweeping();

  let closing: Promise<void> | undefined;
  /** Ends this process's presences, disconnects every socket (this also closes the http.Server), then Redis. */
  function close(): Promise<void> {
    closing ??= (async () => {
      roomEvents.off('member-left', onMemberLeft);
      roomEvents.off('member-entered', onMemberEntered);
      timers.stop();
      await membership.stop();
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

  return { io, store, close, ping: async () => (redis ? void (await redis.commands.ping()) : undefined) };
}
export type Realtime = Awaited<ReturnType<typeof createRealtime>>;
