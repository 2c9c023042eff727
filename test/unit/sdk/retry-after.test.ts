import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exponentialBackoff } from '@/lib/sdk/policies/backoff';
import { sleep } from '@/lib/sdk/policies/abort';
import { parseRetryAfter } from '@/lib/sdk/policies/retry-after';
import { isCancelledError } from '@/lib/sdk/errors';

const now = Date.parse('2026-11-27T12:00:00Z');

describe('parseRetryAfter, the one Retry-After reader', () => {
  it('reads delay-seconds, decimals included, as whole milliseconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
    expect(parseRetryAfter('0.0015', now)).toBe(2);
    expect(parseRetryAfter(' 3 ', now)).toBe(3_000);
  });

  it('reads HTTP-dates (IMF-fixdate, RFC 850), a past date as 0', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Friday, 27-Nov-26 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:59:00 GMT', now)).toBe(0);
  });

  it('refuses what is neither, including numbers Date.parse would take for a day in 2001', () => {
    for (const value of [null, undefined, '', '  ', 'soon', '-1', '1.5.2', '1e3', '0x10', '2026-11-27']) {
      expect(parseRetryAfter(value, now)).toBeNull();
    }
  });
});

describe('exponentialBackoff and sleep, as the server uses them', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives whole milliseconds, the cap applied before the jitter', () => {
    const nearTop = exponentialBackoff({ initialDelayMs: 5_000, maxDelayMs: 600_000, random: () => 0.999_999 });
    expect([0, 1, 11].map(nearTop)).toEqual([5_000, 10_000, 600_000]);
    const bottom = exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 1_000, random: () => 0 });
    expect([0, 3, 4, 1_000].map(bottom)).toEqual([50, 400, 500, 500]);
  });

  it('sleep resolves after the time and leaves no listener on the signal', async () => {
    const c = new AbortController();
    const remove = vi.spyOn(c.signal, 'removeEventListener');
    let done = false;
    void sleep(1_000, c.signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('sleep rejects at once, without a timer, on a signal already aborted', async () => {
    const c = new AbortController();
    c.abort(new Error('gone'));
    const error = await sleep(1_000, c.signal).catch((e: unknown) => e);
    expect(isCancelledError(error)).toBe(true);
    expect((error as { reason: Error }).reason.message).toBe('gone');
    expect(vi.getTimerCount()).toBe(0);
  });
});
