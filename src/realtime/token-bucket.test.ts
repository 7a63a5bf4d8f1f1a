import { createTokenBucket } from './token-bucket';

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
