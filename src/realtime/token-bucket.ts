/**
 * A token bucket per user and event family: `ratePerSec` tokens refill continuously up to `burst`.
 * Pure state plus a clock, so it is table-testable and costs nothing when idle.
 */
export type BucketSpec = { ratePerSec: number; burst: number };

export function createTokenBucket({ ratePerSec, burst }: BucketSpec, now: () => number) {
  let tokens = burst;
  let last = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSec);
    last = t;
  };
  return {
    /** Takes one token; false when the caller must be refused. */
    take(): boolean {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    /** Refilled to the burst: the same as a new bucket, so it may be dropped. */
    isFull(): boolean {
      refill();
      return tokens >= burst;
    },
  };
}
export type TokenBucket = ReturnType<typeof createTokenBucket>;

/**
 * One bucket per key (a user id, a client address), made on first use. A bucket that has refilled is the same
 * as none, so `sweep` drops those and the map holds only keys active within about `burst / ratePerSec` s.
 */
export function createKeyedBuckets<K>(spec: BucketSpec, now: () => number) {
  const buckets = new Map<K, TokenBucket>();
  return {
    take(key: K): boolean {
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = createTokenBucket(spec, now)));
      return bucket.take();
    },
    sweep(): void {
      for (const [key, bucket] of buckets) if (bucket.isFull()) buckets.delete(key);
    },
    size: () => buckets.size,
  };
}
export type KeyedBuckets<K> = ReturnType<typeof createKeyedBuckets<K>>;
/** What an event handler's rate check needs: synchronous in the process, a promise when Redis is asked too. */
export type Limiter = { take(): boolean | Promise<boolean> };
