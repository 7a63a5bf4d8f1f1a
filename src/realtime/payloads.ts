import { z } from 'zod';

/**
 * Building blocks of client payload schemas. Objects are loose on purpose: the original client sends its
 * own userId, nickname, roomId, time... in most payloads, and the server ignores them (identity comes from
 * the token). The contract's payload types are derived from each feature's schema (src/contract/events.ts).
 */
export const SocketRoomIdSchema = z.union([
  z.number().int().positive().max(2_147_483_647),
  z
    .string()
    .regex(/^\d{1,10}$/, 'must be a decimal id')
    .transform(Number)
    .pipe(z.number().int().positive().max(2_147_483_647)),
]);

/** Events whose payload the server does not read (`stop_time` carries a bare room id string, for instance). */
export const IgnoredPayloadSchema = z.unknown();
