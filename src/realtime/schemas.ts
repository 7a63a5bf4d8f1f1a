import { z } from 'zod';
import { EMOJIS } from '../contract/events';

/**
 * Client payload schemas. Objects are loose on purpose: the original client sends its own userId,
 * nickname, roomId, time... in most payloads, and the server ignores them (identity comes from the token).
 */
export const RoomIdSchema = z.union([
  z.number().int().positive().max(2_147_483_647),
  z
    .string()
    .regex(/^\d{1,10}$/, 'must be a decimal id')
    .transform(Number)
    .pipe(z.number().int().positive().max(2_147_483_647)),
]);

export const JoinRoomSchema = z.looseObject({ roomId: RoomIdSchema });

/** A simple-peer signal is an opaque object (SDP or candidate); its size is bounded by maxHttpBufferSize. */
const SignalSchema = z.record(z.string(), z.unknown());
const SocketIdSchema = z.string().min(1).max(64);

export const SendSignalSchema = z.looseObject({ userToSignal: SocketIdSchema, signal: SignalSchema });
export const ReturningSignalSchema = z.looseObject({ callerId: SocketIdSchema, signal: SignalSchema });

export const SendMessageSchema = z.looseObject({
  message: z
    .string()
    .max(500, 'at most 500 characters')
    .refine((m) => m.trim().length > 0, 'must not be empty'),
});

export const SendEmojiSchema = z.looseObject({ emoji: z.enum(EMOJIS) });

const timePart = (max: number) => z.coerce.number().int().min(0).max(max);
export const StartTimerSchema = z
  .looseObject({ hours: timePart(23).default(0), minutes: timePart(59).default(0), seconds: timePart(59).default(0) })
  .refine((t) => t.hours + t.minutes + t.seconds > 0, 'the total must be more than 0');

export const MediaStateSchema = z.looseObject({ audio: z.boolean(), video: z.boolean() });

/** Events whose payload the server does not read (`stop_time` carries a bare room id string, for instance). */
export const IgnoredPayloadSchema = z.unknown();
