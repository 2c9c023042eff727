import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '@/lib/sdk/policies/retry-after';
import { DEFAULT_RETRY_POLICY, decideOutcome, isRetryable, retryDelayMs } from '@/lib/webhooks/retry';

const at = new Date('2026-11-27T12:00:00Z');

describe('webhook retry policy', () => {
  it('retries network errors, 408, 429 and 5xx, not other answers', () => {
    expect([null, 408, 429, 500, 502, 503].map(isRetryable)).toEqual([true, true, true, true, true, true]);
    expect([400, 401, 403, 404, 410, 302].map(isRetryable)).toEqual([false, false, false, false, false, false]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', at.getTime())).toBe(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 GMT', at.getTime())).toBe(30_000);
    expect(parseRetryAfter('soon', at.getTime())).toBeNull();
    expect(parseRetryAfter(null, at.getTime())).toBeNull();
  });

  it('backs off exponentially within [½, 1) of 5 s·2^(n−1), capped at 10 min', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, null, DEFAULT_RETRY_POLICY, () => 0))).toEqual([
      2_500, 5_000, 10_000, 20_000,
    ]);
    expect(retryDelayMs(1, null, DEFAULT_RETRY_POLICY, () => 0.999_999)).toBe(5_000);
    expect(retryDelayMs(12, null, DEFAULT_RETRY_POLICY, () => 0.999_999)).toBe(600_000);
  });

  it('waits what Retry-After asks, at least 1 s and at most an hour', () => {
    expect(retryDelayMs(1, 42_000, DEFAULT_RETRY_POLICY, () => 0)).toBe(42_000);
    expect(retryDelayMs(1, 0, DEFAULT_RETRY_POLICY, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, 86_400_000, DEFAULT_RETRY_POLICY, () => 0)).toBe(3_600_000);
  });

  it('delivers on 2xx, gives up on a 4xx at once or after the last attempt, else retries', () => {
    expect(decideOutcome({ attempt: 1, status: 204, retryAfterMs: null, at })).toEqual({ kind: 'delivered' });
    expect(decideOutcome({ attempt: 1, status: 404, retryAfterMs: null, at })).toEqual({ kind: 'failed' });
    expect(decideOutcome({ attempt: 8, status: 503, retryAfterMs: null, at })).toEqual({ kind: 'failed' });
    expect(decideOutcome({ attempt: 7, status: null, retryAfterMs: null, at }, DEFAULT_RETRY_POLICY, () => 0)).toEqual({
      kind: 'retry',
      nextAttemptAt: new Date(at.getTime() + 160_000),
    });
    expect(decideOutcome({ attempt: 2, status: 429, retryAfterMs: 30_000, at })).toEqual({
      kind: 'retry',
      nextAttemptAt: new Date(at.getTime() + 30_000),
    });
  });
});
