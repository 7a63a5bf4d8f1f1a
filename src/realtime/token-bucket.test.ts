import { createKeyedBuckets, createTokenBucket } from './token-bucket';

describe('token bucket', () => {
  it('allows a burst, then refills at the rate, never above the burst', () => {
    let now = 0;
    const bucket = createTokenBucket({ ratePerSec: 5, burst: 10 }, () => now);
    const burst = Array.from({ length: 12 }, () => bucket.take());
    expect(burst.filter(Boolean)).toHaveLength(10);
    now += 200; // one token at 5/s
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 60_000;
    expect(Array.from({ length: 11 }, () => bucket.take()).filter(Boolean)).toHaveLength(10);
  });
});

describe('keyed buckets', () => {
  it('share one bucket per key, and drop only buckets that have refilled', () => {
    let now = 0;
    const buckets = createKeyedBuckets<number>({ ratePerSec: 1, burst: 2 }, () => now);
    expect([buckets.take(1), buckets.take(1), buckets.take(1), buckets.take(2)]).toEqual([true, true, false, true]);
    now += 1_000;
    buckets.sweep();
    expect(buckets.size()).toBe(1); // key 2 refilled; key 1 has one token of two
    expect(buckets.take(1)).toBe(true);
    now += 2_000;
    buckets.sweep();
    expect(buckets.size()).toBe(0);
  });
});
