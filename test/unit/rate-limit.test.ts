import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '@/lib/ingest/rate-limit';

describe('token buckets', () => {
  it('allow a burst, then the refill rate, per key', () => {
    const buckets = new TokenBuckets(10, 3);
    const t = 1_000_000;
    expect([1, 2, 3].map(() => buckets.take('a', t).ok)).toEqual([true, true, true]);
    expect(buckets.take('a', t)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(buckets.take('b', t).ok).toBe(true);
    expect(buckets.take('a', t + 100).ok).toBe(true); // 0.1 s at 10/s = one token
    expect(buckets.take('a', t + 100).ok).toBe(false);
    expect([1, 2, 3, 4].map(() => buckets.take('a', t + 60_000).ok)).toEqual([true, true, true, false]);
  });

  it('says how long to wait when the rate is slow', () => {
    const buckets = new TokenBuckets(0.25, 1);
    expect(buckets.take('k', 0).ok).toBe(true);
    expect(buckets.take('k', 0)).toEqual({ ok: false, retryAfterSeconds: 4 });
  });
});
