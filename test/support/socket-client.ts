import { io, type Socket } from 'socket.io-client';
import type { AckReply, ClientAcks, ClientEvent, ClientPayloads, ClientToServerEvents, ServerToClientEvents } from '../../src/contract/events';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** What a client hears: the contract's events, and Socket.IO's own `disconnect` (with its reason). */
export type ServerEvent = keyof ServerToClientEvents | 'disconnect';
/** What the server sends with `E`. */
export type ServerPayload<E extends ServerEvent> = E extends keyof ServerToClientEvents ? Parameters<ServerToClientEvents[E]>[0] : string;
type Listener = (...args: any[]) => void;
/** The server's answer to `E`: its typed success, or a refusal. */
export type AckTo<E extends ClientEvent> = AckReply<ClientAcks[E]>;

/** Generous: suites run in parallel with benchmarks and fault tests on one machine. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** The same socket with the contract's types set aside, for tests that send what no typed client could. */
const untyped = (socket: TestSocket) => socket as unknown as Socket;

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
export function waitFor<E extends ServerEvent>(
  socket: TestSocket,
  event: E,
  accept: (payload: ServerPayload<E>) => boolean = () => true,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<ServerPayload<E>> {
  return new Promise((resolve, reject) => {
    const raw = untyped(socket);
    const listener = (payload: ServerPayload<E>) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      raw.off(event as string, listener as Listener);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      raw.off(event as string, listener as Listener);
      reject(new Error(`timed out waiting for "${event}"`));
    }, timeoutMs);
    raw.on(event as string, listener as Listener);
  });
}

/** Emits `event` with its contract payload and an ack; resolves with the server's typed reply. */
export function emitWithAck<E extends ClientEvent>(socket: TestSocket, event: E, ...payload: unknown extends ClientPayloads[E] ? [ClientPayloads[E]?] : [ClientPayloads[E]]): Promise<AckTo<E>> {
  return untyped(socket).timeout(DEFAULT_TIMEOUT_MS).emitWithAck(event, ...payload) as Promise<AckTo<E>>;
}

/** Emits without an ack (as the original client mostly does). */
export function emit<E extends ClientEvent>(socket: TestSocket, event: E, ...payload: unknown extends ClientPayloads[E] ? [ClientPayloads[E]?] : [ClientPayloads[E]]): void {
  untyped(socket).emit(event, ...payload);
}

/**
 * Sends anything under any name: hostile payloads, fuzzing, and the original client's exact payloads
 * (which carry fields a typed client does not send). The reply is whatever the server answers.
 */
export function emitRawWithAck(socket: TestSocket, event: string, ...args: unknown[]): Promise<AckReply<Record<string, unknown>>> {
  return untyped(socket).timeout(DEFAULT_TIMEOUT_MS).emitWithAck(event, ...args) as Promise<AckReply<Record<string, unknown>>>;
}

export function emitRaw(socket: TestSocket, event: string, ...args: unknown[]): void {
  untyped(socket).emit(event, ...args);
}

/** Collects every `event` payload from now on, for asserting that something did NOT arrive. */
export function collect<E extends ServerEvent>(socket: TestSocket, event: E): ServerPayload<E>[] {
  const seen: ServerPayload<E>[] = [];
  untyped(socket).on(event as string, ((payload: ServerPayload<E>) => seen.push(payload)) as Listener);
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
