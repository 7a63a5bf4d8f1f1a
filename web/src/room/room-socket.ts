import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../src/contract/events';
import type { WireError } from '../../../src/errors';

/** The contract's event maps, so a misspelt event or a payload field the server does not read fails the build. */
export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function openRoomSocket(token: string): RoomSocket {
  return io({ auth: { token }, reconnection: true, reconnectionDelay: 500, reconnectionDelayMax: 4000 });
}

export type JoinOptions = {
  roomId: number;
  /** Takes the seat over REST again (entering is idempotent). */
  reenter(): Promise<unknown>;
  /** A new socket is up and about to join: whatever the old one had is gone. */
  onConnect(): void;
  onDisconnect(): void;
  /** The room or the token refused us; a room refusal also ends the socket. */
  onRefused(refusal: WireError): void;
};

/**
 * Reconnection is socket.io-client's own; every (re)connect joins the room again, because the server treats
 * the new socket as a newcomer (a user's newer connection replaces the older one).
 */
export function keepJoined(socket: RoomSocket, { roomId, reenter, onConnect, onDisconnect, onRefused }: JoinOptions) {
  function refuse({ code, msg }: WireError) {
    onRefused({ code, msg });
    socket.disconnect();
  }
  function join(mayReenter: boolean) {
    // `join room` acks only a refusal; success arrives as `send users`.
    socket.emit('join room', { roomId }, (res) => {
      if (res.ok) return;
      // The seat taken over REST lapses when no socket claims it in time (a slow camera prompt, a long
      // drop): take it again once, which is idempotent, before giving up.
      if (res.code === 'NOT_IN_ROOM' && mayReenter) reenter().then(() => join(false), () => refuse(res));
      else refuse(res);
    });
  }
  socket.on('connect', () => {
    onConnect();
    join(true);
  });
  socket.on('connect_error', (err) => {
    if (err.message === 'UNAUTHENTICATED') onRefused({ code: 'UNAUTHENTICATED', msg: err.message });
  });
  socket.on('disconnect', onDisconnect);

  // The browser knows before any heartbeat that the network went: drop the socket now so the server tells the
  // others at once, and when it is back, connect at once instead of waiting out the reconnect backoff.
  const offline = () => socket.io.engine?.close();
  const online = () => {
    if (socket.connected) return;
    socket.disconnect();
    socket.connect();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  return () => {
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
  };
}
