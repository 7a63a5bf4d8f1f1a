import type { RoomsService } from '../rooms/rooms.service';
import type { LiveMember, RoomStore } from '../realtime/room-store';
import type { IoServer } from '../realtime/socket-types';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { LiveMembers } from './live-members';

type RestoreDeps = {
  io: Pick<IoServer, 'of'>;
  store: Pick<RoomStore, 'getMember' | 'putMember' | 'removeMember'>;
  rooms: Pick<RoomsService, 'isMember'>;
  liveMembers: Pick<LiveMembers, 'end'>;
  lastKnown: LastKnownMembers;
  clock: Pick<Clock, 'now'>;
  log: Logger;
};

const keyOf = (roomId: number, userId: number) => `${roomId}:${userId}`;

/**
 * The live entry each of this process's members had when it last joined here. The store is the authority;
 * this copy only lets the process put its own sockets back when the store lost them (Redis came back
 * empty) and tell the room about a member whose entry was lost. Media state is the join's.
 */
export function createLastKnownMembers() {
  const members = new Map<string, LiveMember>();
  return {
    remember: (m: LiveMember) => void members.set(keyOf(m.roomId, m.userId), { ...m }),
    get: (roomId: number, userId: number) => members.get(keyOf(roomId, userId)),
    forget: (roomId: number, userId: number) => void members.delete(keyOf(roomId, userId)),
  };
}
export type LastKnownMembers = ReturnType<typeof createLastKnownMembers>;

/**
 * Puts back the live entry of every socket on this process that believes it is in a room but is missing
 * from the store (run when Redis reconnects and before each sweep, so a sweep never ends a connected
 * member). A user who left meanwhile (a REST leave while Redis was down) is ended instead.
 */
export function createRestorer({ io, store, rooms, liveMembers, lastKnown, clock, log }: RestoreDeps) {
  let running: Promise<void> | undefined;

  async function restoreOne(socketId: string, roomId: number, userId: number): Promise<'restored' | 'ended' | 'kept'> {
    if (await store.getMember(roomId, userId)) return 'kept';
    const known = lastKnown.get(roomId, userId);
    if (!known) return 'kept';
    if (!(await rooms.isMember(roomId, userId))) {
      await liveMembers.end(roomId, userId, 'grace-expired', clock.now());
      return 'ended';
    }
    await store.putMember({ ...known, socketId, detachedAt: null });
    // A leave may have run between the check and the write, as in `join room`.
    if (!(await rooms.isMember(roomId, userId))) await store.removeMember(roomId, userId);
    return 'restored';
  }

  async function restoreAll(): Promise<void> {
    let restored = 0;
    for (const socket of io.of('/').sockets.values()) {
      const { roomId, userId } = socket.data;
      if (roomId === undefined || socket.disconnected) continue;
      const outcome = await restoreOne(socket.id, roomId, userId);
      if (outcome === 'ended') socket.data.roomId = undefined;
      if (outcome === 'restored') restored++;
    }
    if (restored > 0) log.warn({ restored }, 'live members missing from the room store were put back from their sockets');
  }

  /** One pass at a time; a call during a pass waits for it. Failures are logged (the next call retries). */
  function restoreOwn(): Promise<void> {
    running ??= restoreAll()
      .catch((err: unknown) => log.warn({ err }, 'restoring live members failed; the next sweep retries'))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return { restoreOwn };
}
