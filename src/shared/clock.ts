/** An opaque handle for a scheduled call; only the clock that made it can cancel it. */
export type TimerHandle = { readonly __timer: unique symbol };

/**
 * Time is a dependency: production uses the system clock, tests a clock they can move. Timers go through
 * the clock too (grace checks, timer expiry, heartbeats, retry pauses), so a test that moves the clock
 * sees exactly what a real wait would have done, without waiting on a loaded machine.
 *
 * A scheduled call never keeps the process alive on its own: the HTTP server does that while it listens.
 */
export type Clock = {
  now(): number;
  setTimeout(run: () => void, delayMs: number): TimerHandle;
  setInterval(run: () => void, everyMs: number): TimerHandle;
  /** Cancels a pending call or interval; a handle already run or cancelled (or undefined) is ignored. */
  clearTimer(handle: TimerHandle | undefined): void;
};

const asHandle = (timer: NodeJS.Timeout) => timer as unknown as TimerHandle;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, delayMs) => asHandle(setTimeout(run, delayMs).unref()),
  setInterval: (run, everyMs) => asHandle(setInterval(run, everyMs).unref()),
  clearTimer: (handle) => clearTimeout(handle as unknown as NodeJS.Timeout | undefined),
};

type Scheduled = { id: number; dueAt: number; everyMs: number | null; run: () => void };

/**
 * A clock that moves only when told. `advance` runs every call that falls due on the way, in due order
 * and with `now()` at its due time, including calls scheduled by those calls, as real time would.
 */
export function createManualClock(start = Date.UTC(2026, 0, 5, 0, 0, 0)) {
  let current = start;
  let nextId = 1;
  const scheduled = new Map<number, Scheduled>();

  function add(run: () => void, delayMs: number, everyMs: number | null): TimerHandle {
    const id = nextId++;
    scheduled.set(id, { id, dueAt: current + Math.max(0, delayMs), everyMs, run });
    return { id } as unknown as TimerHandle;
  }

  function earliestDue(until: number): Scheduled | undefined {
    let first: Scheduled | undefined;
    for (const s of scheduled.values()) {
      if (s.dueAt > until) continue;
      if (!first || s.dueAt < first.dueAt || (s.dueAt === first.dueAt && s.id < first.id)) first = s;
    }
    return first;
  }

  function advanceTo(target: number): void {
    for (let due = earliestDue(target); due; due = earliestDue(target)) {
      current = Math.max(current, due.dueAt);
      if (due.everyMs === null) scheduled.delete(due.id);
      else due.dueAt += Math.max(1, due.everyMs);
      due.run();
    }
    current = Math.max(current, target);
  }

  return {
    now: () => current,
    setTimeout: (run: () => void, delayMs: number) => add(run, delayMs, null),
    setInterval: (run: () => void, everyMs: number) => add(run, everyMs, everyMs),
    clearTimer(handle: TimerHandle | undefined) {
      if (handle) scheduled.delete((handle as unknown as { id: number }).id);
    },
    /** Moves the clock to `ms` (never backwards past pending calls: those due on the way run first). */
    set(ms: number) {
      if (ms >= current) advanceTo(ms);
      else current = ms;
    },
    advance(ms: number) {
      advanceTo(current + ms);
    },
    /** How many calls are waiting (intervals count once): lets a test wait until something was scheduled. */
    pendingTimers: () => scheduled.size,
    /** Milliseconds until the next pending call, or null when none is waiting. */
    nextDueIn(): number | null {
      let next: number | null = null;
      for (const s of scheduled.values()) next = next === null ? s.dueAt : Math.min(next, s.dueAt);
      return next === null ? null : next - current;
    },
  } satisfies Clock & Record<string, unknown>;
}
export type ManualClock = ReturnType<typeof createManualClock>;
