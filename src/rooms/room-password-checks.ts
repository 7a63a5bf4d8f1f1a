import Redis from 'ioredis';
import { AppError } from '../errors';
import { quitRedis } from '../realtime/redis-connection';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';

/** How long a passed password check (and the ticket it issues) lets its user into its room. */
export const ROOM_CHECK_TTL_MS = 300_000;

/**
 * Remembers, for `ROOM_CHECK_TTL_MS`, that a user gave the right password for a secret room. The original
 * client checks the password, ignores the ticket it is given, then enters with an empty body: the entry
 * finds the check here instead. In process by default; in Redis with REDIS_URL, so that the check and the
 * entry may reach different processes.
 */
export type PasswordChecks = {
  remember(userId: number, roomId: number): Promise<void>;
  passed(userId: number, roomId: number): Promise<boolean>;
  close(): Promise<void>;
};

const keyOf = (userId: number, roomId: number) => `${roomId}:${userId}`;

export function createLocalPasswordChecks(clock: Pick<Clock, 'now'>, ttlMs = ROOM_CHECK_TTL_MS): PasswordChecks {
  const until = new Map<string, number>();
  return {
    async remember(userId, roomId) {
      const now = clock.now();
      // Expired checks go as new ones come, so the map holds at most the checks of the last TTL.
      for (const [key, expiresAt] of until) if (expiresAt <= now) until.delete(key);
      until.set(keyOf(userId, roomId), now + ttlMs);
    },
    async passed(userId, roomId) {
      return (until.get(keyOf(userId, roomId)) ?? 0) > clock.now();
    },
    async close() {
      until.clear();
    },
  };
}

/**
 * Its own Redis connection: the rooms service is built before the realtime layer that holds the other
 * one. It connects in the background (the realtime layer is the one that refuses to start without Redis),
 * and a command that fails or times out is an outage (503), never a wrong password.
 */
export function createRedisPasswordChecks(
  opts: { url: string; prefix: string; commandTimeoutMs: number; log: Logger },
  ttlMs = ROOM_CHECK_TTL_MS,
): PasswordChecks {
  const redis = new Redis(opts.url, { commandTimeout: opts.commandTimeoutMs, maxRetriesPerRequest: 1 });
  redis.on('error', (err: Error) => opts.log.warn({ err: err.message }, 'redis error (room password checks)'));
  const key = (userId: number, roomId: number) => `${opts.prefix}room-check:${keyOf(userId, roomId)}`;
  const outage = (err: unknown): never => {
    throw new AppError('UNAVAILABLE', '잠시 후 다시 시도해 주세요.', { cause: err });
  };
  return {
    async remember(userId, roomId) {
      await redis.set(key(userId, roomId), '1', 'PX', ttlMs).catch(outage);
    },
    async passed(userId, roomId) {
      return (await redis.exists(key(userId, roomId)).catch(outage)) === 1;
    },
    close: () => quitRedis(redis),
  };
}
