import type { LeaveReason } from '../rooms/room-events';
import { memberInfo } from '../realtime/live-member';
import type { RoomStore } from '../realtime/room-store';
import { roomChannel, type IoServer } from '../realtime/socket-types';
import type { PresenceEvents } from './presence-events';
import type { LastKnownMembers } from './restore';

type LiveMembersDeps = {
  io: Pick<IoServer, 'in' | 'to'>;
  store: Pick<RoomStore, 'removeMember'>;
  presenceEvents: Pick<PresenceEvents, 'emit'>;
  lastKnown: Pick<LastKnownMembers, 'get' | 'forget'>;
};

/**
 * The socket side of a member's end: the live entry goes, the room hears `user left`, the presence ends.
 * Every path that ends a member (REST or socket leave, grace expiry, a room deleted) comes through here.
 */
export function createLiveMembers({ io, store, presenceEvents, lastKnown }: LiveMembersDeps) {
  /**
   * The store's removal is atomic, so when two paths end one member only the first one to remove it speaks.
   * A member whose live entry was lost (Redis came back empty) is still ended by the process that knew it,
   * so the room hears of it and no presence stays open.
   */
  async function end(roomId: number, userId: number, reason: LeaveReason, at: number): Promise<void> {
    const removed = await store.removeMember(roomId, userId);
    const known = lastKnown.get(roomId, userId);
    lastKnown.forget(roomId, userId);
    const member = removed ?? (known ? { ...known, socketId: null } : null);
    if (!member) return;
    const channel = roomChannel(roomId);
    // With the Redis adapter socketsLeave lands later than a broadcast, so the leaver is also excluded.
    if (member.socketId) io.in(member.socketId).socketsLeave(channel);
    io.to(channel).except(member.socketId ?? []).emit('user left', { socketId: member.socketId, userInfo: memberInfo(member) });
    presenceEvents.emit('presence-ended', { userId, roomId, at, reason });
  }

  return { end };
}
export type LiveMembers = ReturnType<typeof createLiveMembers>;
