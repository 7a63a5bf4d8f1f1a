import { z } from 'zod';

/*
 * Each socket feature's payload schema lives in its own folder. Objects are loose on purpose: the original
 * client sends its own userId, nickname, roomId, time... in most payloads, and the server ignores them
 * (identity comes from the token). The contract's payload types are derived from those schemas
 * (src/contract/events.ts).
 */

/** Events whose payload the server does not read (`stop_time` carries a bare room id string, for instance). */
export const IgnoredPayloadSchema = z.unknown();
