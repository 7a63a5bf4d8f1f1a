import type { WireError } from '../errors';

/**
 * The Socket.IO wire contract (../shared/contract.md, "Socket.IO"), typed once for the server and for
 * test clients. The names are the original client's, spaces included. Payloads are validated by the zod
 * schemas in src/realtime/schemas.ts: these types describe what a valid payload looks like, nothing more.
 */

export type AckOk = { ok: true } & Record<string, unknown>;
export type AckError = { ok: false } & WireError;
export type Ack = (response: AckOk | AckError) => void;

export type TimerStatus = 'idle' | 'running' | 'paused';

export type TimerStateMessage = {
  roomId: number;
  status: TimerStatus;
  durationMs: number;
  /** Epoch ms at which a running timer reaches zero; absent unless running. */
  endsAt?: number;
  remainingMs: number;
  /** The server clock when the state was sent, so clients count down without drifting. */
  serverNow: number;
  /** Grows with every change; a client ignores a state older than the one it shows. */
  version: number;
};

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

export type ChatMessage = {
  roomId: number;
  sender: string;
  message: string;
  /** "HH:MM" on the server clock, in the service time zone. */
  time: string;
  /** The sender's user id. */
  id: number;
  sentAt: number;
};

export const EMOJIS = ['happy', 'love', 'bad', 'sad'] as const;
export type Emoji = (typeof EMOJIS)[number];

export type IceServer = { urls: string | string[]; username?: string; credential?: string };

export type SendUsersMessage = {
  otherSockets: { socketId: string; nickname: string }[];
  otherUsers: MemberInfo[];
  timer: TimerStateMessage;
  chatHistory: ChatMessage[];
  iceServers: unknown[];
};

export interface ServerToClientEvents {
  'send users': (msg: SendUsersMessage) => void;
  'user joined': (msg: { signal: unknown; callerId: string; callerNickname: string; userInfo: MemberInfo }) => void;
  'receive returned signal': (msg: { signal: unknown; id: string }) => void;
  receive_message: (msg: ChatMessage) => void;
  receive_emoji: (msg: { roomId: number; id: string; emoji: Emoji }) => void;
  start_receive: (msg: { roomId: number; hours: number; minutes: number; seconds: number }) => void;
  stop_receive: (msg: { roomId: number }) => void;
  reset_receive: (msg: { roomId: number }) => void;
  'timer state': (msg: TimerStateMessage) => void;
  'media state': (msg: { socketId: string; userId: number; audio: boolean; video: boolean }) => void;
  'user left': (msg: { socketId: string | null; userInfo: MemberInfo }) => void;
  error: (err: WireError) => void;
}

/** Every event may carry an ack; `join room` acks only a refusal (the original client reads any ack as "full"). */
export interface ClientToServerEvents {
  'join room': (payload: { roomId: number | string }, ack?: Ack) => void;
  'send signal': (payload: { userToSignal: string; signal: unknown }, ack?: Ack) => void;
  'returning signal': (payload: { callerId: string; signal: unknown }, ack?: Ack) => void;
  send_message: (payload: { message: string }, ack?: Ack) => void;
  send_emoji: (payload: { emoji: Emoji }, ack?: Ack) => void;
  start_timer: (payload: { hours: number; minutes: number; seconds: number }, ack?: Ack) => void;
  stop_time: (roomId?: unknown, ack?: Ack) => void;
  reset_time: (roomId?: unknown, ack?: Ack) => void;
  resume_timer: (payload?: unknown, ack?: Ack) => void;
  'media state': (payload: { audio: boolean; video: boolean }, ack?: Ack) => void;
  save_time: (payload?: unknown, ack?: Ack) => void;
  'quit room': (payload?: unknown, ack?: Ack) => void;
}

export type InterServerEvents = Record<string, never>;

/** Set by the handshake; identity never comes from a payload. */
export type SocketData = { userId: number; roomId?: number };
