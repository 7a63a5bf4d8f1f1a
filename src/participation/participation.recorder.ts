import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PresenceEnded, PresenceEvents, PresenceStarted } from '../membership/presence-events';
import type { Clock, TimerHandle } from '../shared/clock';
import { IdSchema } from '../shared/id';
import type { Logger } from '../shared/logger';
import type { ParticipationStore } from './participation.store';
import { createWriteQueue, type RetryPolicy } from './write-queue';

type RecorderDeps = {
  store: ParticipationStore;
  presenceEvents: PresenceEvents;
  clock: Clock;
  log: Pick<Logger, 'warn' | 'error' | 'info' | 'debug'>;
  /** How often this process vouches for its open entries (HEARTBEAT_MS). */
  heartbeatMs: number;
  retry?: RetryPolicy;
  /** Called after an entry's end is stored (category badges are checked then). */
  onEnded?: (userId: number) => Promise<void>;
};

/**
 * `key` orders the presence's writes; `entryId` is the stored entry, which a resumed presence learns only
 * when its take-over write has run (so writes read it when they run, and are queued under `key`).
 */
type OpenPresence = { key: string; entryId: string; roomId: number };

const instant = z.number().int().min(0).max(8.64e15);
/** Events come from another feature; one malformed event must be refused here, not retried against the database. */
const StartedSchema = z.object({ userId: IdSchema, roomId: IdSchema, categoryId: IdSchema, at: instant });
const EndedSchema = z.object({ userId: IdSchema, roomId: IdSchema, at: instant });

/** Missing two heartbeats in a row means the process that owned an entry is gone. */
export const STALE_AFTER_HEARTBEATS = 2;
const SHUTDOWN_DRAIN_MS = 5_000;

/**
 * Turns presence events into the participation log. It keeps this process's open presences in memory
 * (one per user: the contract allows one room per user), writes through a retrying queue, refreshes
 * the heartbeat of its open entries, and ends entries that no live process vouches for any more.
 */
export function createParticipationRecorder(deps: RecorderDeps) {
  const { store, presenceEvents, clock, log, heartbeatMs } = deps;
  const queue = createWriteQueue({ log, clock, retry: deps.retry ?? { firstDelayMs: 200, maxDelayMs: 5_000, maxAttemptsUnlessUnavailable: 3 } });
  const open = new Map<number, OpenPresence>();
  let timer: TimerHandle | undefined;
  let beating: Promise<void> | undefined;
  let beatAgain = false;
  let closed = false;

  function endPresence(userId: number, presence: OpenPresence, at: number): void {
    open.delete(userId);
    void queue.enqueue(presence.key, 'end', async () => {
      await store.end(presence.entryId, at);
      // A badge check failing must not turn a stored end into a retried one; records reads check again.
      await deps.onEnded?.(userId).catch((err: unknown) => log.warn({ err, userId }, 'category badge check failed'));
    });
  }

  /** Makes `roomId` the user's open presence here, ending one in another room; undefined when it already is. */
  function openHere(userId: number, roomId: number, at: number): OpenPresence | undefined {
    const current = open.get(userId);
    if (current?.roomId === roomId) return undefined;
    // A start in another room before the end of the last one: the user cannot be in two rooms at once.
    if (current) endPresence(userId, current, at);
    const entryId = randomUUID();
    const presence = { key: entryId, entryId, roomId };
    open.set(userId, presence);
    return presence;
  }

  // heartbeatAt is read when the write runs: an append delayed by an outage must not look stale already.
  const append = (presence: OpenPresence, { userId, roomId, categoryId, at }: PresenceStarted) =>
    store.append({ id: presence.entryId, userId, roomId, categoryId, joinedAt: at, heartbeatAt: Math.max(at, clock.now()) });

  function onStarted(event: PresenceStarted): void {
    if (closed) return;
    const presence = openHere(event.userId, event.roomId, event.at);
    if (presence) void queue.enqueue(presence.key, 'append', () => append(presence, event));
  }

  /**
   * A presence this process may not have recorded (its socket was on a process that died): take over the
   * user's open entry in the room, so the minutes go on in one entry; if the sweep already ended it, a new
   * entry starts now.
   */
  function onResumed(event: PresenceStarted): void {
    if (closed) return;
    const presence = openHere(event.userId, event.roomId, event.at);
    if (!presence) return;
    void queue.enqueue(presence.key, 'resume', async () => {
      const resumed = await store.resumeOpen(event.userId, event.roomId, clock.now());
      if (resumed) presence.entryId = resumed.id;
      else await append(presence, { ...event, at: clock.now() });
    });
  }

  function onEnded({ userId, roomId, at }: PresenceEnded): void {
    if (closed) return;
    const current = open.get(userId);
    if (!current || current.roomId !== roomId) {
      log.debug({ userId, roomId }, 'presence-ended without a matching presence-started; ignored');
      return;
    }
    endPresence(userId, current, at);
  }

  // Listeners are plain functions that only enqueue, so nothing can throw into the emitter.
  const guard = <E>(schema: z.ZodType<E>, handler: (e: E) => void) => (event: unknown) => {
    try {
      const parsed = schema.safeParse(event);
      if (!parsed.success) return log.error({ event, issues: parsed.error.issues }, 'malformed presence event ignored');
      handler(parsed.data);
    } catch (err) {
      log.error({ err, event }, 'participation event handling failed');
    }
  };
  const startedListener = guard(StartedSchema, onStarted);
  const resumedListener = guard(StartedSchema, onResumed);
  const endedListener = guard(EndedSchema, onEnded);

  async function sweepStale(now: number): Promise<void> {
    const count = await store.endStale(now - STALE_AFTER_HEARTBEATS * heartbeatMs);
    if (count > 0) log.info({ count }, 'participation entries without a live server were ended at their last heartbeat');
  }

  /**
   * Refreshes this process's entries first, so the sweep that follows can only end other, dead processes'
   * entries. A beat that falls due while one is running is not dropped: one more runs right after, at the
   * newer time (a clock moved far ahead, or a slow database, must still leave the entries fresh).
   */
  function tick(): Promise<void> {
    if (closed) return Promise.resolve();
    if (beating) {
      beatAgain = true;
      return beating;
    }
    beating = (async () => {
      do {
        beatAgain = false;
        try {
          const now = clock.now();
          await store.touch([...open.values()].map((p) => p.entryId), now);
          await sweepStale(now);
        } catch (err) {
          log.warn({ err }, 'participation heartbeat failed; the next one retries');
        }
      } while (beatAgain && !closed);
      // Cleared in the same turn as the last look at beatAgain (the loop cannot throw): a tick in between would be lost.
      beating = undefined;
    })();
    return beating;
  }

  /** Subscribes, ends entries a crashed process left open (retried until the store answers), starts the heartbeat. */
  function start(): Promise<void> {
    presenceEvents.on('presence-started', startedListener);
    presenceEvents.on('presence-resumed', resumedListener);
    presenceEvents.on('presence-ended', endedListener);
    timer = clock.setInterval(() => void tick(), heartbeatMs);
    return queue.enqueue('startup-sweep', 'end stale entries', () => sweepStale(clock.now()));
  }

  /** Ends the presences still open here (the server is leaving), then gives queued writes time to land. */
  async function close(): Promise<void> {
    if (closed) return;
    clock.clearTimer(timer);
    presenceEvents.off('presence-started', startedListener);
    presenceEvents.off('presence-resumed', resumedListener);
    presenceEvents.off('presence-ended', endedListener);
    const now = clock.now();
    for (const [userId, presence] of [...open]) endPresence(userId, presence, now);
    closed = true;
    await queue.stop(SHUTDOWN_DRAIN_MS);
  }

  return { start, close, tick, openPresences: () => open.size, pendingWrites: () => queue.pending() };
}
export type ParticipationRecorder = ReturnType<typeof createParticipationRecorder>;
