import type { IceServer } from '../contract/events';
import type { MemberEntered, MemberLeft, RoomEvents } from '../rooms/room-events';
import type { RoomsService } from '../rooms/rooms.service';
import type { UsersService } from '../users/users.service';
import type { RoomStore } from '../realtime/room-store';
import type { IoServer, SocketFeature } from '../realtime/socket-types';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { createGraceChecks } from './grace-checks';
import { createLiveMembers } from './live-members';
import { createMembershipSockets } from './membership.socket';
import type { PresenceEvents } from './presence-events';
import { createReconciler } from './reconcile';
import { createLastKnownMembers, createRestorer } from './restore';

export type MembershipDeps = {
  io: IoServer;
  store: RoomStore;
  rooms: Pick<RoomsService, 'isMember' | 'findRecord' | 'leave' | 'membershipOf' | 'allMemberships'>;
  users: Pick<UsersService, 'findById' | 'masterBadgeOf'>;
  roomEvents: Pick<RoomEvents, 'on' | 'off'>;
  presenceEvents: Pick<PresenceEvents, 'emit'>;
  iceServersFor: (userId: number, nowMs: number) => IceServer[];
  reconnectGraceMs: number;
  /** How often to look for memberships nobody speaks for; null with one process (no REDIS_URL). */
  sweepEveryMs: number | null;
  clock: Clock;
  log: Logger;
  /** Calls back whenever the room store reconnects (Redis may have come back empty). */
  onStoreReconnected?: (listener: () => void) => void;
};

/**
 * Who is in which room, as sockets see it: joins, quits and drops with their grace, the socket side of
 * every leave (REST included, through `member-left`), and the memberships a crash or a stopped process
 * left behind.
 */
export function createMembership(deps: MembershipDeps): SocketFeature {
  const { io, store, rooms, roomEvents, presenceEvents, clock, log } = deps;
  let stopping = false;
  const lastKnown = createLastKnownMembers();
  const liveMembers = createLiveMembers({ io, store, presenceEvents, lastKnown });
  const restorer = createRestorer({ io, store, rooms, liveMembers, lastKnown, clock, log });
  const graceChecks = createGraceChecks({ store, rooms, liveMembers, reconnectGraceMs: deps.reconnectGraceMs, clock, log });
  const reconciler = createReconciler({ rooms, store, graceChecks, reconnectGraceMs: deps.reconnectGraceMs, sweepEveryMs: deps.sweepEveryMs, clock, log, restoreOwn: restorer.restoreOwn });
  const sockets = createMembershipSockets({ ...deps, graceChecks, lastKnown, isStopping: () => stopping });

  async function onMemberLeft(left: MemberLeft): Promise<void> {
    await liveMembers.end(left.roomId, left.userId, left.reason, left.at);
    if (left.roomDeleted) await store.clearRoom(left.roomId);
  }
  const memberLeft = (left: MemberLeft) => {
    onMemberLeft(left).catch((err: unknown) => log.warn({ err, ...left }, 'socket side of a leave failed'));
  };
  // A REST entry that no `join room` follows is undone after the grace.
  const memberEntered = (entered: MemberEntered) => graceChecks.schedule(entered.roomId, entered.userId);

  return {
    name: 'membership',
    register: sockets.register,
    settled: graceChecks.settled,
    async start() {
      roomEvents.on('member-left', memberLeft);
      roomEvents.on('member-entered', memberEntered);
      deps.onStoreReconnected?.(() => {
        if (!stopping) void restorer.restoreOwn();
      });
      await reconciler.checkUnattended();
      reconciler.startSweeping();
    },
    /** Every presence held by this process's sockets ends now; the memberships wait for a reconnect. */
    async stop() {
      stopping = true;
      roomEvents.off('member-left', memberLeft);
      roomEvents.off('member-entered', memberEntered);
      reconciler.stop();
      await graceChecks.stop();
      const at = clock.now();
      for (const socket of io.of('/').sockets.values()) {
        const roomId = socket.data.roomId;
        if (roomId === undefined) continue;
        const member = await store.getMember(roomId, socket.data.userId).catch(() => null);
        if (member?.socketId !== socket.id) continue;
        await store.removeMember(roomId, socket.data.userId).catch(() => null);
        presenceEvents.emit('presence-ended', { userId: socket.data.userId, roomId, at, reason: 'shutdown' });
      }
    },
  };
}
