import type { AuthEvents, TokenRevoked } from '../auth/auth-events';
import { otherUsersToken, toWireError, tokenExpired, tokenRevoked } from '../errors';
import { tokenChannel, type Connection, type IoServer, type IoSocket, type SocketFeature } from '../realtime/socket-types';
import type { Clock, TimerHandle } from '../shared/clock';
import { RefreshTokenSchema } from './session.schema';

type SessionDeps = {
  io: Pick<IoServer, 'to' | 'in'>;
  /** Resolves a token to its user; rejects (UNAUTHENTICATED) for a bad, expired or revoked one. */
  authenticate: (token: string) => Promise<{ id: number; jti: string; tokenExpiresAt: Date }>;
  authEvents: Pick<AuthEvents, 'on' | 'off'>;
  clock: Clock;
};

/** setTimeout's longest delay; a longer token lifetime (JWT_EXPIRES_IN=30d) re-arms on the way. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * A socket lives only as long as its token: it is told (`error` UNAUTHENTICATED) and disconnected when the
 * token expires or is revoked by a log-out on any process, and `refresh token` hands a fresh token of the
 * same user without losing the seat. The disconnect is an ordinary drop: the membership waits out its grace.
 */
export function createSessionSockets({ io, authenticate, authEvents, clock }: SessionDeps): SocketFeature {
  function endSession(socket: IoSocket): void {
    socket.emit('error', toWireError(tokenExpired()));
    socket.disconnect(true);
  }

  function register({ socket, limiters, onEvent }: Connection): void {
    let expiry: TimerHandle | undefined;
    const arm = () => {
      const left = socket.data.tokenExpiresAt - clock.now();
      if (left <= 0) return endSession(socket);
      expiry = clock.setTimeout(arm, Math.min(left, MAX_DELAY_MS));
    };
    void socket.join(tokenChannel(socket.data.jti));
    arm();
    socket.on('disconnect', () => clock.clearTimer(expiry));

    onEvent(socket, 'refresh token', RefreshTokenSchema, async ({ token }) => {
      const user = await authenticate(token.replace(/^Bearer /, ''));
      if (user.id !== socket.data.userId) throw otherUsersToken();
      if (user.jti !== socket.data.jti) {
        void socket.leave(tokenChannel(socket.data.jti));
        socket.data.jti = user.jti;
        void socket.join(tokenChannel(user.jti));
      }
      socket.data.tokenExpiresAt = user.tokenExpiresAt.getTime();
      clock.clearTimer(expiry);
      arm();
      return { expiresAt: socket.data.tokenExpiresAt };
    }, { limiters: [limiters.all] });
  }

  // Through the adapter, so the socket is found on whichever process holds it.
  const revoked = ({ jti }: TokenRevoked) => {
    io.to(tokenChannel(jti)).emit('error', toWireError(tokenRevoked()));
    io.in(tokenChannel(jti)).disconnectSockets(true);
  };

  return {
    name: 'session',
    register,
    start: () => void authEvents.on('token-revoked', revoked),
    stop: () => void authEvents.off('token-revoked', revoked),
  };
}
