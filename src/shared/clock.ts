/** Time is a dependency: production uses the system clock, tests a clock they can move. */
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

export function createManualClock(start = Date.UTC(2026, 0, 5, 0, 0, 0)) {
  let current = start;
  return {
    now: () => current,
    set(ms: number) {
      current = ms;
    },
    advance(ms: number) {
      current += ms;
    },
  };
}
export type ManualClock = ReturnType<typeof createManualClock>;
