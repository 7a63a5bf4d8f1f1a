import { EventEmitter } from 'node:events';

/**
 * What the auth feature tells the rest of the process. `token-revoked` follows a log-out once the
 * revocation is stored; the realtime side (wired in app.ts) disconnects the sockets using that token.
 */
export type TokenRevoked = { userId: number; jti: string };

type EventMap = { 'token-revoked': [TokenRevoked] };

export function createAuthEvents() {
  const emitter = new EventEmitter<EventMap>();
  emitter.setMaxListeners(50);
  return emitter;
}
export type AuthEvents = ReturnType<typeof createAuthEvents>;
