import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../contract/events';
import type { OnEvent } from './on-event';
import type { Limiter } from './token-bucket';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** The connection's user's token buckets, by event family (README, Limits). */
export type SocketLimiters = { all: Limiter; chat: Limiter; emoji: Limiter; signal: Limiter; timer: Limiter };

/** What the framework hands a feature for each new connection. */
export type Connection = { socket: IoSocket; limiters: SocketLimiters; onEvent: OnEvent };

/**
 * A socket feature (membership, media, chat, signaling, timer). `app.ts` builds the list and hands it to
 * `createRealtime`, which calls `register` for every connection, `start` once the server is up, and
 * `stop` (in reverse order) when it closes, before the sockets are disconnected.
 */
export type SocketFeature = {
  name: string;
  register(connection: Connection): void;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
  /** Resolves once the work its scheduled calls started is done (a test moves the clock, then waits for this). */
  settled?(): Promise<void>;
};

/** The Socket.IO room that carries one with-me room's broadcasts (on every process, through the adapter). */
export const roomChannel = (roomId: number) => `room:${roomId}`;
/** Every socket of one user joins this, so a newer connection can find and replace the older one anywhere. */
export const userChannel = (userId: number) => `user:${userId}`;
/** Every socket speaking with one token joins this, so a log-out anywhere reaches it through the adapter. */
export const tokenChannel = (jti: string) => `token:${jti}`;
