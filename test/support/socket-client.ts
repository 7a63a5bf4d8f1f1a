import { io, type Socket } from 'socket.io-client';
import type { AckError, AckOk, ClientToServerEvents, ServerToClientEvents } from '../../src/contract/events';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type AckReply = AckOk | AckError;

/** Generous: suites run in parallel with benchmarks and fault tests on one machine. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** A real socket.io-client connection; resolves once connected, rejects with the server's refusal. */
export function connect(url: string, token?: string, options: { reconnection?: boolean } = {}): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Resolves with the next `event` payload matching `accept`, or rejects after the deadline. */
export function waitFor<T = any>(socket: TestSocket, event: string, accept: (payload: T) => boolean = () => true, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const anySocket = socket as unknown as Socket;
    const listener = (payload: T) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      anySocket.off(event, listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      anySocket.off(event, listener);
      reject(new Error(`timed out waiting for "${event}"`));
    }, timeoutMs);
    anySocket.on(event, listener);
  });
}

/** Emits with an ack and resolves with the server's reply. */
export function emitWithAck(socket: TestSocket, event: string, ...args: unknown[]): Promise<AckReply> {
  return (socket as unknown as Socket).timeout(DEFAULT_TIMEOUT_MS).emitWithAck(event, ...args) as Promise<AckReply>;
}

/** Emits without an ack (as the original client mostly does). */
export function emit(socket: TestSocket, event: string, ...args: unknown[]): void {
  (socket as unknown as Socket).emit(event, ...args);
}

/** Collects every `event` payload from now on, for asserting that something did NOT arrive. */
export function collect<T = any>(socket: TestSocket, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as Socket).on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Polls `check` until it returns true or the deadline passes. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = DEFAULT_TIMEOUT_MS, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Connects and joins a room the user entered over REST; resolves with the `send users` payload. */
export async function joinRoom(url: string, token: string, roomId: number | string) {
  const socket = await connect(url, token);
  const sendUsers = waitFor(socket, 'send users');
  emit(socket, 'join room', { roomId });
  return { socket, sendUsers: await sendUsers };
}
