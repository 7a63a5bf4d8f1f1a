import type { Config } from '../config';
import type { Clock, TimerHandle } from '../shared/clock';
import type { RedisLimits } from './redis-limits';
import type { SocketLimiters } from './socket-types';
import { createKeyedBuckets, type KeyedBuckets } from './token-bucket';

type Family = keyof SocketLimiters;
const FAMILIES = ['all', 'chat', 'emoji', 'signal', 'timer'] as const satisfies readonly Family[];

/** Often enough that idle buckets go soon after they refill, rarely enough to cost nothing. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Rate limits keyed by user (each event family) and for handshakes by user and by client address, so a
 * reconnect gets the same buckets back instead of fresh ones. The process's buckets answer first (a flood
 * costs no Redis call); with `shared` (REDIS_URL) the event families are then counted once across processes.
 * Handshakes are counted per process only.
 */
export function createUserLimits(socket: Config['socket'], clock: Pick<Clock, 'now' | 'setInterval' | 'clearTimer'>, shared?: RedisLimits) {
  const byFamily = Object.fromEntries(FAMILIES.map((f) => [f, createKeyedBuckets<number>(socket.limits[f], clock.now)])) as Record<Family, KeyedBuckets<number>>;
  const handshakeUser = createKeyedBuckets<number>(socket.handshake.user, clock.now);
  const handshakeIp = createKeyedBuckets<string>(socket.handshake.ip, clock.now);
  const all = [...Object.values(byFamily), handshakeUser, handshakeIp];
  const sweep: TimerHandle = clock.setInterval(() => all.forEach((b) => b.sweep()), SWEEP_EVERY_MS);

  return {
    /** The user's buckets, looked up at each event, so a sweep between two events loses nothing. */
    forUser(userId: number): SocketLimiters {
      const limiter = (family: Family) => ({
        take: () => byFamily[family].take(userId) && (shared ? shared.take(family, userId, socket.limits[family], clock.now()) : true),
      });
      return { all: limiter('all'), chat: limiter('chat'), emoji: limiter('emoji'), signal: limiter('signal'), timer: limiter('timer') };
    },
    handshakeByUser: (userId: number) => handshakeUser.take(userId),
    handshakeByAddress: (address: string) => handshakeIp.take(address),
    /** Buckets held now (tests check that idle ones go). */
    size: () => all.reduce((n, b) => n + b.size(), 0),
    stop: () => clock.clearTimer(sweep),
  };
}
