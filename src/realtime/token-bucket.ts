/**
 * A token bucket per socket and event family: `ratePerSec` tokens refill continuously up to `burst`.
 * Pure state plus a clock, so it is table-testable and costs nothing when idle.
 */
export type BucketSpec = { ratePerSec: number; burst: number };

export function createTokenBucket({ ratePerSec, burst }: BucketSpec, now: () => number) {
  let tokens = burst;
  let last = now();
  return {
    /** Takes one token; false when the caller must be refused. */
    take(): boolean {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSec);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
export type TokenBucket = ReturnType<typeof createTokenBucket>;
