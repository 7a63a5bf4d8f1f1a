import type Redis from 'ioredis';
import type { ChatMessage } from '../contract/events';
import { liveStateUnavailable } from '../errors';
import { CHAT_HISTORY_SIZE, idleTimer, type LiveMember, type RoomStore, type TimerState } from './room-store';

/** A crashed process must not leave room state behind forever; every write pushes this expiry back. */
const ROOM_TTL_SECONDS = 24 * 3600;

// Redis runs each script atomically, which is what makes the compare-and-set semantics hold across processes.
const PUT_MEMBER = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return old`;
const PATCH_MEMBER = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if not cur then return false end
local m = cjson.decode(cur)
if m.socketId ~= ARGV[2] then return false end
for k, v in pairs(cjson.decode(ARGV[3])) do m[k] = v end
local out = cjson.encode(m)
redis.call('HSET', KEYS[1], ARGV[1], out)
return out`;
const REMOVE_MEMBER = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[1], ARGV[1])
return old`;
const SWAP_TIMER = `
local cur = redis.call('GET', KEYS[1])
local v = 0
if cur then v = cjson.decode(cur).version end
if v ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

const parse = <T>(json: string | null | undefined): T | null => (json ? (JSON.parse(json) as T) : null);

/**
 * The many-process store: one hash of members, one timer and one capped chat list per room, under a
 * configurable key prefix. Any Redis failure becomes UNAVAILABLE, so callers answer quickly instead of hanging
 * (the client is built with a short command timeout and no offline queue).
 */
export function createRedisRoomStore(redis: Redis, prefix: string): RoomStore {
  const key = (roomId: number, part: 'members' | 'timer' | 'chat') => `${prefix}room:${roomId}:${part}`;

  async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw liveStateUnavailable(err);
    }
  }

  return {
    putMember: (member) =>
      guard(async () => parse<LiveMember>((await redis.eval(PUT_MEMBER, 1, key(member.roomId, 'members'), String(member.userId), JSON.stringify(member), ROOM_TTL_SECONDS)) as string | null)),
    getMember: (roomId, userId) => guard(async () => parse<LiveMember>(await redis.hget(key(roomId, 'members'), String(userId)))),
    members: (roomId) => guard(async () => Object.values(await redis.hgetall(key(roomId, 'members'))).map((v) => JSON.parse(v) as LiveMember)),
    patchMember: (roomId, userId, socketId, patch) =>
      guard(async () => parse<LiveMember>((await redis.eval(PATCH_MEMBER, 1, key(roomId, 'members'), String(userId), socketId, JSON.stringify(patch))) as string | null)),
    removeMember: (roomId, userId) => guard(async () => parse<LiveMember>((await redis.eval(REMOVE_MEMBER, 1, key(roomId, 'members'), String(userId))) as string | null)),
    getTimer: (roomId) => guard(async () => parse<TimerState>(await redis.get(key(roomId, 'timer'))) ?? idleTimer()),
    swapTimer: (roomId, expectedVersion, next) =>
      guard(async () => (await redis.eval(SWAP_TIMER, 1, key(roomId, 'timer'), String(expectedVersion), JSON.stringify(next), ROOM_TTL_SECONDS)) === 1),
    appendChat: (message: ChatMessage) =>
      guard(async () => {
        const k = key(message.roomId, 'chat');
        await redis.multi().rpush(k, JSON.stringify(message)).ltrim(k, -CHAT_HISTORY_SIZE, -1).expire(k, ROOM_TTL_SECONDS).exec();
      }),
    chatHistory: (roomId) => guard(async () => (await redis.lrange(key(roomId, 'chat'), 0, -1)).map((v) => JSON.parse(v) as ChatMessage)),
    clearRoom: (roomId) =>
      guard(async () => {
        await redis.del(key(roomId, 'members'), key(roomId, 'timer'), key(roomId, 'chat'));
      }),
    async close() {
      // The connection belongs to the realtime feature, which closes it with the adapter's.
    },
  };
}
