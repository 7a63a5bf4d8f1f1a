import type { z } from 'zod';
import type { ChatMessage } from './chat';
import type { SendEmojiSchema, SendMessageSchema } from '../chat/chat.schema';
import type { WireError } from '../errors';
import type { MediaStateSchema } from '../media/media.schema';
import type { JoinRoomSchema } from '../membership/membership.schema';
import type { IgnoredPayloadSchema } from '../realtime/payloads';
import type { RefreshTokenSchema } from '../session/session.schema';
import type { IceCandidateSchema, ReturningSignalSchema, SendSignalSchema } from '../signaling/signaling.schema';
import type { StartTimerSchema } from '../timer/timer.schema';
import type { Emoji } from './emojis';

export type { ChatMessage } from './chat';
export { EMOJIS, type Emoji } from './emojis';

/**
 * The Socket.IO wire contract (docs/contract.md, "Socket.IO"), typed once for the server, the tests and
 * the web client. The names are the original client's, spaces included. What a client may send is derived
 * from the zod schema each feature validates it with, so a schema and the contract cannot drift apart, and
 * each event's successful ack is typed here, so a handler cannot answer something else.
 */

/**
 * A payload as a client writes it: the schema's input without the index signature a loose object adds (the
 * server ignores the original client's extra fields; a typed client should not send them).
 */
export type Declared<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T as string extends K ? never : K]: T[K] } : T;
type PayloadOf<S extends z.ZodType> = Declared<z.input<S>>;

export type AckOk<T = object> = { ok: true } & T;
export type AckError = { ok: false } & WireError;
export type AckReply<T = object> = AckOk<T> | AckError;

export type TimerStatus = 'idle' | 'running' | 'paused';
export type TimerMode = 'countdown' | 'pomodoro';
export type PomodoroPhase = 'focus' | 'break';

export type TimerStateMessage = {
  roomId: number;
  status: TimerStatus;
  /** A plain countdown, or a pomodoro cycle; an idle timer is always a countdown. */
  mode: TimerMode;
  /** The whole countdown, or for a pomodoro the current phase's length. */
  durationMs: number;
  /** Epoch ms at which a running timer (for a pomodoro: its current phase) reaches zero; absent unless running. */
  endsAt?: number;
  remainingMs: number;
  /** The server clock when the state was sent, so clients count down without drifting. */
  serverNow: number;
  /** Grows with every change; a client ignores a state older than the one it shows. */
  version: number;
  /** Pomodoro only: the current phase. */
  phase?: PomodoroPhase;
  /** Pomodoro only: the current round, from 1 (a break belongs to the focus before it). */
  round?: number;
  /** Pomodoro only: how many focus phases the cycle has. */
  rounds?: number;
  /** Who made this change (start, pause, resume, reset); absent for a state nobody just made (a join, the end). */
  by?: { userId: number; nickname: string };
};

/** Sent once to every member when a pomodoro cycle moves on by itself (focus to break, break to focus). */
export type TimerPhaseMessage = { roomId: number; phase: PomodoroPhase; round: number; rounds: number };

/** A member's connection as the server sees it: dropped and inside its reconnect grace, or back. */
export type MemberConnectionState = 'reconnecting' | 'connected';

/** A member as other members see it (`send users`.otherUsers, `user joined`.userInfo, `user left`.userInfo). */
export type MemberInfo = {
  roomId: number;
  id: number;
  nickname: string;
  profileImg: string | null;
  /** The representative badge's image URL (the original socket shape), or null. */
  masterBadge: string | null;
  statusMsg: string;
  socketId: string | null;
  audio: boolean;
  video: boolean;
};

/** An `RTCIceServer` as the browser takes it. */
export type IceServer = { urls: string | string[]; username?: string; credential?: string };

export type SendUsersMessage = {
  otherSockets: { socketId: string; nickname: string }[];
  otherUsers: MemberInfo[];
  timer: TimerStateMessage;
  chatHistory: ChatMessage[];
  iceServers: IceServer[];
};

/** A simple-peer signal (SDP or candidate), relayed without being read. */
export type Signal = Record<string, unknown>;

export interface ServerToClientEvents {
  'send users': (msg: SendUsersMessage) => void;
  'user joined': (msg: { signal: Signal; callerId: string; callerNickname: string; userInfo: MemberInfo }) => void;
  'receive returned signal': (msg: { signal: Signal; id: string }) => void;
  receive_message: (msg: ChatMessage) => void;
  receive_emoji: (msg: { roomId: number; id: string; emoji: Emoji }) => void;
  start_receive: (msg: { roomId: number; hours: number; minutes: number; seconds: number }) => void;
  stop_receive: (msg: { roomId: number }) => void;
  reset_receive: (msg: { roomId: number }) => void;
  'timer state': (msg: TimerStateMessage) => void;
  'timer phase': (msg: TimerPhaseMessage) => void;
  'media state': (msg: { socketId: string; userId: number; audio: boolean; video: boolean }) => void;
  'user left': (msg: { socketId: string | null; userInfo: MemberInfo }) => void;
  /** A member's socket dropped (`reconnecting`, sent once the server marked it detached) or came back (`connected`). */
  'member connection': (msg: { userId: number; socketId: string; state: MemberConnectionState }) => void;
  /** A trickled ICE candidate from another member's peer connection, relayed without being read. */
  'ice candidate': (msg: { from: string; candidate: Signal }) => void;
  /** Fresh ICE servers (new TURN credentials) for a member who stays longer than half their lifetime. */
  'ice servers': (msg: { iceServers: IceServer[] }) => void;
  error: (err: WireError) => void;
}

/** What each client event carries, from its feature's schema. */
export type ClientPayloads = {
  'join room': PayloadOf<typeof JoinRoomSchema>;
  'send signal': PayloadOf<typeof SendSignalSchema>;
  'returning signal': PayloadOf<typeof ReturningSignalSchema>;
  'ice candidate': PayloadOf<typeof IceCandidateSchema>;
  send_message: PayloadOf<typeof SendMessageSchema>;
  send_emoji: PayloadOf<typeof SendEmojiSchema>;
  start_timer: PayloadOf<typeof StartTimerSchema>;
  stop_time: PayloadOf<typeof IgnoredPayloadSchema>;
  reset_time: PayloadOf<typeof IgnoredPayloadSchema>;
  resume_timer: PayloadOf<typeof IgnoredPayloadSchema>;
  'media state': PayloadOf<typeof MediaStateSchema>;
  save_time: PayloadOf<typeof IgnoredPayloadSchema>;
  'quit room': PayloadOf<typeof IgnoredPayloadSchema>;
  'refresh token': PayloadOf<typeof RefreshTokenSchema>;
};

/**
 * What a successful ack carries besides `ok: true`; `never` where success is not acked (`join room`: the
 * original client reads any ack as "the room is full", so only a refusal is acked and success is `send users`).
 */
export type ClientAcks = {
  'join room': never;
  'send signal': object;
  'returning signal': object;
  'ice candidate': object;
  send_message: { message: ChatMessage };
  send_emoji: object;
  start_timer: { timer: TimerStateMessage };
  stop_time: { timer: TimerStateMessage };
  reset_time: { timer: TimerStateMessage };
  resume_timer: { timer: TimerStateMessage };
  'media state': object;
  save_time: object;
  'quit room': object;
  /** When the fresh token expires (epoch ms): the socket is disconnected then unless refreshed again. */
  'refresh token': { expiresAt: number };
};

export type ClientEvent = keyof ClientPayloads;
type AckCallback<E extends ClientEvent> = (reply: AckReply<ClientAcks[E]>) => void;

/** Every event may carry an ack; an event whose payload the server does not read may be sent without one. */
export type ClientToServerEvents = {
  [E in ClientEvent]: unknown extends ClientPayloads[E]
    ? (payload?: ClientPayloads[E], ack?: AckCallback<E>) => void
    : (payload: ClientPayloads[E], ack?: AckCallback<E>) => void;
};

export type InterServerEvents = Record<string, never>;

/** Set by the handshake; identity never comes from a payload. */
export type SocketData = {
  userId: number;
  roomId?: number;
  /** The id of the token the socket speaks with (the handshake's, or the last `refresh token`'s). */
  jti: string;
  /** When that token expires (epoch ms); the socket is told and disconnected then. */
  tokenExpiresAt: number;
};

/** Every client event, for code that must treat them all (fuzzers, the type-level contract test). */
export const CLIENT_EVENTS = [
  'join room',
  'send signal',
  'returning signal',
  'ice candidate',
  'send_message',
  'send_emoji',
  'start_timer',
  'stop_time',
  'reset_time',
  'resume_timer',
  'media state',
  'save_time',
  'quit room',
  'refresh token',
] as const satisfies readonly ClientEvent[];
