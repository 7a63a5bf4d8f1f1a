import { isOutage } from '../errors';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';

export type RetryPolicy = {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Attempts for an error that is not an outage (a bug or a rejected value); outages are retried without limit. */
  maxAttemptsUnlessUnavailable: number;
};

/**
 * Ordered, retried writes. Writes under one key run one after another (an entry's end never overtakes its
 * append); different keys run side by side. A failed write is retried with capped exponential backoff
 * while the database is unreachable (a few times for any other error) and until the queue stops, so a
 * database that is briefly down loses nothing, and nothing is
 * ever thrown back to the caller (an event emitter, which must not see rejections).
 */
type WriteQueueDeps = {
  log: Pick<Logger, 'warn' | 'error'>;
  /** Paces the retries; the shutdown deadline stays on real time, so a stop never waits for a moved clock. */
  clock: Pick<Clock, 'setTimeout' | 'clearTimer'>;
  retry: RetryPolicy;
};

export function createWriteQueue({ log, clock, retry }: WriteQueueDeps) {
  const tails = new Map<string, Promise<void>>();
  const sleepers = new Set<() => void>();
  let stopping = false;

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clock.clearTimer(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = clock.setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  async function runWithRetry(label: string, write: () => Promise<void>): Promise<void> {
    let delay = retry.firstDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (err) {
        if (stopping || (!isOutage(err) && attempt >= retry.maxAttemptsUnlessUnavailable)) {
          log.error({ err, label, attempt }, stopping ? 'participation write abandoned at shutdown' : 'participation write rejected; dropped');
          return;
        }
        log.warn({ err, label, attempt, retryInMs: delay }, 'participation write failed; will retry');
        await pause(delay);
        delay = Math.min(delay * 2, retry.maxDelayMs);
      }
    }
  }

  /** Queues `write` behind earlier writes of `key`; the promise settles (never rejects) when it is done. */
  function enqueue(key: string, label: string, write: () => Promise<void>): Promise<void> {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(() => runWithRetry(label, write));
    tails.set(key, next);
    void next.then(() => {
      if (tails.get(key) === next) tails.delete(key);
    });
    return next;
  }

  /**
   * Gives queued writes up to `timeoutMs` to finish, then makes each remaining one a last attempt (their
   * waits are cut short). Whatever still fails is logged; the entries it leaves open are closed at their
   * last heartbeat by the next start.
   */
  async function stop(timeoutMs: number): Promise<void> {
    const all = Promise.all([...tails.values()]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    stopping = true;
    for (const wake of [...sleepers]) wake();
    await Promise.all([...tails.values()]);
  }

  return { enqueue, stop, pending: () => tails.size };
}
export type WriteQueue = ReturnType<typeof createWriteQueue>;
