import type { Clock, TimerHandle } from '../shared/clock';
import type { Logger } from '../shared/logger';

/** One user's membership of one room, as the grace checks see it. */
export type MembershipKey = { roomId: number; userId: number };

/**
 * How many grace checks run at once, across all of them. Each check is a few reads and at most one leave
 * transaction. After a restart with thousands of stale memberships, one timer per check made them all fire
 * in the same instant, and the leaves queued ahead of REST for tens of seconds (SQLite serialises
 * transactions; MariaDB's pool has 10 connections). A small fixed pool keeps at most 4 ahead of any request
 * and still clears 10 000 memberships in well under a minute; it needs no tuning knob.
 */
const CONCURRENCY = 4;
/** How soon checks that failed (a store or database down) run again. */
const RETRY_MS = 1_000;

type GraceQueueDeps = {
  /** Ends the membership unless a socket speaks for the user; a rejection means "try again later". */
  check: (key: MembershipKey) => Promise<void>;
  clock: Pick<Clock, 'setTimeout' | 'clearTimer'>;
  log: Logger;
};

const idOf = (key: MembershipKey) => `${key.roomId}:${key.userId}`;

/**
 * Runs grace checks when they are due, a few at a time, retrying failed ones until they succeed.
 * After `stop()` nothing new starts, and `stop()` resolves once the checks already running are done,
 * so none touches a closed database.
 */
export function createGraceQueue({ check, clock, log }: GraceQueueDeps) {
  const timers = new Set<TimerHandle>();
  const running = new Set<Promise<void>>();
  /** Due checks waiting for a free worker (order does not matter, so the array is used as a stack). */
  const due: MembershipKey[] = [];
  /** Memberships scheduled in bulk (start, sweep) not yet checked, so a sweep does not queue them twice. */
  const bulkPending = new Set<string>();
  let failed: MembershipKey[] = [];
  let workers = 0;
  let stopped = false;

  function after(delayMs: number, work: () => void): void {
    if (stopped) return;
    const timer = clock.setTimeout(() => {
      timers.delete(timer);
      if (!stopped) work();
    }, delayMs);
    timers.add(timer);
  }

  /** Keeps `work` awaited by `stop()`. */
  function track(work: Promise<void>): void {
    running.add(work);
    void work.then(
      () => running.delete(work),
      () => running.delete(work),
    );
  }

  function enqueue(keys: readonly MembershipKey[]): void {
    for (const key of keys) due.push(key);
    while (!stopped && workers < CONCURRENCY && due.length > 0) {
      workers++;
      track(drain());
    }
  }

  async function drain(): Promise<void> {
    try {
      for (let key = due.pop(); key && !stopped; key = due.pop()) await runOne(key);
    } finally {
      workers--;
    }
  }

  async function runOne(key: MembershipKey): Promise<void> {
    try {
      await check(key);
      bulkPending.delete(idOf(key));
    } catch (err) {
      // Usually a database or Redis outage: the member must still leave once it is over. Failures are
      // retried together, logged once per round, so an outage does not arm one timer per membership.
      if (failed.length === 0) {
        log.warn({ err, ...key }, 'grace check failed; retrying');
        after(RETRY_MS, () => {
          const retry = failed;
          failed = [];
          enqueue(retry);
        });
      }
      failed.push(key);
    }
  }

  return {
    /** Checks `keys` once `delayMs` has passed. `bulk` marks them for `isBulkPending`. */
    schedule(keys: readonly MembershipKey[], delayMs: number, { bulk = false } = {}): void {
      if (stopped || keys.length === 0) return;
      if (bulk) for (const key of keys) bulkPending.add(idOf(key));
      after(delayMs, () => enqueue(keys));
    },
    isBulkPending: (key: MembershipKey) => bulkPending.has(idOf(key)),
    /** Resolves once no check is running (checks started while waiting are waited for too). */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    track,
    async stop(): Promise<void> {
      stopped = true;
      for (const timer of timers) clock.clearTimer(timer);
      timers.clear();
      due.length = 0;
      await Promise.allSettled([...running]);
    },
  };
}
export type GraceQueue = ReturnType<typeof createGraceQueue>;
