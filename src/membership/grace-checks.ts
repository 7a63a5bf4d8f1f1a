import { AppError } from '../errors';
import type { LeaveReason } from '../rooms/room-events';
import type { RoomsService } from '../rooms/rooms.service';
import type { RoomStore } from '../realtime/room-store';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { createGraceQueue, type MembershipKey } from './grace-queue';
import type { LiveMembers } from './live-members';

type GraceChecksDeps = {
  store: Pick<RoomStore, 'getMember'>;
  rooms: Pick<RoomsService, 'isMember' | 'leave'>;
  liveMembers: LiveMembers;
  reconnectGraceMs: number;
  clock: Clock;
  log: Logger;
};

/**
 * Ends a membership nobody speaks for once its grace is over: a dropped socket that did not come back, a
 * REST entry never followed by `join room`, a membership found after a restart. Checks run through one
 * bounded queue, so thousands of them do not stall REST.
 */
export function createGraceChecks({ store, rooms, liveMembers, reconnectGraceMs, clock, log }: GraceChecksDeps) {
  const queue = createGraceQueue({ check: ({ roomId, userId }) => check(roomId, userId), clock, log });

  /** A leave that finds the member already gone (REST, another process) has nothing left to do. */
  async function leaveQuietly(userId: number, roomId: number, reason: LeaveReason): Promise<void> {
    try {
      await rooms.leave(userId, roomId, reason);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
    }
  }

  /**
   * Ends the membership unless a socket speaks for the user by then. The member's `detachedAt` rather than
   * this check's timer decides, so an older check never cuts short the grace of a later drop.
   */
  async function check(roomId: number, userId: number): Promise<void> {
    const member = await store.getMember(roomId, userId);
    if (member?.socketId) return;
    if (member?.detachedAt != null) {
      const left = member.detachedAt + reconnectGraceMs - clock.now();
      // A later drop is still in its grace, or this check fired a hair early.
      if (left > 0) return schedule(roomId, userId, left + 5);
    }
    if (!(await rooms.isMember(roomId, userId))) {
      // Another path ended the membership (a second check for the same drop, a REST leave, another process)
      // and its socket side may not have run yet: whichever removes the live entry first tells the room.
      if (member) await liveMembers.end(roomId, userId, 'grace-expired', clock.now());
      return;
    }
    await leaveQuietly(userId, roomId, member ? 'grace-expired' : 'startup-cleanup');
  }

  function schedule(roomId: number, userId: number, delayMs = reconnectGraceMs): void {
    queue.schedule([{ roomId, userId }], delayMs);
  }

  return {
    schedule,
    /** Checks many memberships (a start, a sweep) after `delayMs`, marked so a sweep does not queue them twice. */
    scheduleBulk: (keys: readonly MembershipKey[], delayMs: number) => queue.schedule(keys, delayMs, { bulk: true }),
    isBulkPending: queue.isBulkPending,
    track: queue.track,
    settled: queue.settled,
    leaveQuietly,
    stop: queue.stop,
  };
}
export type GraceChecks = ReturnType<typeof createGraceChecks>;
