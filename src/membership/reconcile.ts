import type { RoomsService } from '../rooms/rooms.service';
import type { RoomStore } from '../realtime/room-store';
import type { Clock, TimerHandle } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { GraceChecks } from './grace-checks';
import type { MembershipKey } from './grace-queue';

type ReconcileDeps = {
  rooms: Pick<RoomsService, 'allMemberships'>;
  store: Pick<RoomStore, 'members'>;
  graceChecks: Pick<GraceChecks, 'scheduleBulk' | 'isBulkPending' | 'track'>;
  reconnectGraceMs: number;
  /** Set with REDIS_URL (several processes share the rooms); without it there is nothing to sweep. */
  sweepEveryMs: number | null;
  clock: Clock;
  log: Logger;
  /** Puts back this process's connected members the store lost, so a sweep never ends them. */
  restoreOwn?: () => Promise<void>;
};

/**
 * Memberships in the database that no socket speaks for: after a crash or a restart, left by a stopped
 * process, or a REST entry never followed by `join room`. They end through the one grace-check path, so
 * REST, sockets and presence records agree.
 */
export function createReconciler({ rooms, store, graceChecks, reconnectGraceMs, sweepEveryMs, clock, log, restoreOwn }: ReconcileDeps) {
  let sweepTimer: TimerHandle | undefined;
  let sweeping = false;
  let stopped = false;

  /** No live entry, or one whose socket dropped longer than the grace ago; those already queued are left out. */
  async function findUnattended(): Promise<{ absent: MembershipKey[]; lapsed: MembershipKey[] }> {
    const byRoom = new Map<number, number[]>();
    for (const { roomId, userId } of await rooms.allMemberships()) {
      const userIds = byRoom.get(roomId) ?? [];
      userIds.push(userId);
      byRoom.set(roomId, userIds);
    }
    const absent: MembershipKey[] = [];
    const lapsed: MembershipKey[] = [];
    for (const [roomId, userIds] of byRoom) {
      if (stopped) break;
      const live = new Map((await store.members(roomId)).map((m) => [m.userId, m]));
      const now = clock.now();
      for (const userId of userIds) {
        const key = { roomId, userId };
        const member = live.get(userId);
        if (member?.socketId || graceChecks.isBulkPending(key)) continue;
        // Still in its grace: the process that saw the drop has a check for it; if that process stopped
        // meanwhile, a later sweep finds the grace over.
        if (member?.detachedAt != null && member.detachedAt + reconnectGraceMs > now) continue;
        (member ? lapsed : absent).push(key);
      }
    }
    return { absent, lapsed };
  }

  /** One with no live entry gets a full grace first: a fresh REST entry, or a client reconnecting somewhere. */
  async function checkUnattended(): Promise<void> {
    await restoreOwn?.();
    const { absent, lapsed } = await findUnattended();
    graceChecks.scheduleBulk(absent, reconnectGraceMs);
    graceChecks.scheduleBulk(lapsed, 0);
  }

  /**
   * With REDIS_URL, a process that stops gracefully ends its sockets' presences but leaves their
   * memberships, and its grace timers stop with it: every live process sweeps now and then, so those
   * memberships end even if nobody starts a process again. Two sweeps at once are harmless (a check re-reads
   * everything and a second leave is NOT_FOUND). Without Redis there is one process, whose every socketless
   * membership already has a check pending (REST entry, drop, start), and its in-process store cannot see
   * another process's sockets, so a sweep could only add work or, with a second process on the same
   * database, end members who are connected there.
   */
  function startSweeping(): void {
    if (sweepEveryMs === null || stopped) return;
    sweepTimer = clock.setInterval(() => {
      if (sweeping || stopped) return;
      sweeping = true;
      const sweep = checkUnattended()
        .catch((err: unknown) => log.warn({ err }, 'membership sweep failed; the next one retries'))
        .finally(() => {
          sweeping = false;
        });
      graceChecks.track(sweep);
    }, sweepEveryMs);
  }

  function stop(): void {
    stopped = true;
    clock.clearTimer(sweepTimer);
  }

  return { checkUnattended, startSweeping, stop };
}
