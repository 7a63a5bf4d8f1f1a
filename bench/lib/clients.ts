import { io, type Socket } from 'socket.io-client';
import { mapLimit, withTimeout } from './limits';

/** How long a single connect or join may take before the bench calls it failed. */
const STEP_TIMEOUT_MS = 30_000;

/** A websocket-only client without reconnection: a dropped client is a measured failure, not a retry. */
export function connectClient(url: string, token?: string): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: STEP_TIMEOUT_MS,
    auth: token ? { token } : undefined,
  });
  return withTimeout(
    new Promise<Socket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (err) => reject(new Error(`connect refused: ${err.message}`)));
    }),
    STEP_TIMEOUT_MS,
    'socket connect',
  ).catch((err: unknown) => {
    socket.close();
    throw err;
  });
}

/** `join room`: success is the `send users` answer; the ack is only called on refusal (contract). */
export function joinRoom(socket: Socket, roomId: number): Promise<void> {
  return withTimeout(
    new Promise<void>((resolve, reject) => {
      socket.once('send users', () => resolve());
      socket.emit('join room', { roomId }, (refusal: { code?: string; msg?: string }) => {
        reject(new Error(`join room ${roomId} refused: ${refusal?.code ?? ''} ${refusal?.msg ?? ''}`));
      });
    }),
    STEP_TIMEOUT_MS,
    `join room ${roomId}`,
  );
}

/** Connects one client per token (in the tokens' order); on any failure closes those already open. */
export async function connectAll(url: string, tokens: readonly (string | undefined)[], concurrency = 100): Promise<Socket[]> {
  const opened: Socket[] = [];
  try {
    return await mapLimit(tokens, concurrency, async (token) => {
      const socket = await connectClient(url, token);
      opened.push(socket);
      return socket;
    });
  } catch (err) {
    closeAll(opened);
    throw err;
  }
}

export function closeAll(sockets: readonly Socket[]) {
  for (const s of sockets) s.close();
}
