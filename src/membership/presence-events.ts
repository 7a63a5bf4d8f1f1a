import { EventEmitter } from 'node:events';
import type { LeaveReason } from '../rooms/room-events';

/**
 * A presence is a user's time in a room as the server measures it: from a successful socket `join room`
 * until the leave (quit room, REST leave, or the end of the reconnect grace). The realtime feature
 * publishes these; the participation feature records them. A reconnect inside the grace does not end
 * the presence, so it is neither split nor double counted.
 */
export type PresenceStarted = { userId: number; roomId: number; categoryId: number; at: number };
/**
 * A join that replaced a live entry whose socket this process may not hold (a reconnect, possibly on another
 * process after its first one died): the presence goes on, and this process's recorder takes over its entry.
 */
export type PresenceResumed = PresenceStarted;
/** `reason` says which leave ended it ('shutdown' when the process stopped while the user was present). */
export type PresenceEnded = { userId: number; roomId: number; at: number; reason?: LeaveReason };

type EventMap = { 'presence-started': [PresenceStarted]; 'presence-resumed': [PresenceResumed]; 'presence-ended': [PresenceEnded] };

export function createPresenceEvents() {
  const emitter = new EventEmitter<EventMap>();
  emitter.setMaxListeners(50);
  return emitter;
}
export type PresenceEvents = ReturnType<typeof createPresenceEvents>;
