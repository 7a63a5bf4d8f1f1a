import type Redis from 'ioredis';
import { liveStateUnavailable } from '../errors';
import type { BucketSpec } from './token-bucket';

/**
 * A token bucket in one Redis hash, refilled and taken atomically. Time comes from the caller (the injected
 * clock) and never runs backwards, so processes whose clocks differ a little cannot mint tokens. The key
 * expires once the bucket would be full again, so idle users cost nothing.
 */
const TAKE_TOKEN_LUA = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
  at = now
end
local ok = 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return ok`;

type WithTakeToken = Redis & { withMeTakeToken(key: string, rate: number, burst: number, now: number): Promise<number> };

/**
 * Per-user buckets shared by every process. Like the room store they fail fast: Redis unreachable (or
 * slower than REDIS_COMMAND_TIMEOUT_MS) answers UNAVAILABLE. Failing open instead would make every event
 * wait out the timeout twice (here, then in the room store, which lives in the same Redis).
 */
export function createRedisLimits(redis: Redis, prefix: string) {
  redis.defineCommand('withMeTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN_LUA });
  const client = redis as WithTakeToken;
  return {
    take(family: string, userId: number, spec: BucketSpec, now: number): Promise<boolean> {
      return client.withMeTakeToken(`${prefix}limit:${family}:${userId}`, spec.ratePerSec, spec.burst, now).then(
        (ok) => ok === 1,
        (err: unknown) => {
          throw liveStateUnavailable(err);
        },
      );
    },
  };
}
export type RedisLimits = ReturnType<typeof createRedisLimits>;
