import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CircuitBreaker,
  Deadline,
  exponentialBackoff,
  isCancelledError,
  isDeadlineExceededError,
  isTimeoutError,
  retry,
  retryDelay,
  sleep,
  withTimeout,
  classifyError,
  isCircuitOpenError,
} from '@/lib/sdk/core';
import { hang, httpError } from '../../support/sdk-doubles';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('withTimeout', () => {
  it('aborts the step signal and rejects with a TimeoutError when the time is up', async () => {
    let seen: AbortSignal | undefined;
    const p = withTimeout((signal) => {
      seen = signal;
      return hang(signal);
    }, 1000);
    const caught = p.catch((e) => e);
    await vi.advanceTimersByTimeAsync(999);
    expect(seen!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const err = await caught;
    expect(isTimeoutError(err)).toBe(true);
    expect(seen!.aborted).toBe(true);
  });

  it('settles at the timeout even when the step ignores its signal', async () => {
    const p = withTimeout(() => new Promise(() => {}), 50).catch((e) => e);
    await vi.advanceTimersByTimeAsync(50);
    expect(isTimeoutError(await p)).toBe(true);
  });

  it('returns the value and clears its timer when the step is fast', async () => {
    await expect(withTimeout(async () => 42, 1000)).resolves.toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("follows the caller's signal and leaves no listener behind", async () => {
    const caller = new AbortController();
    let seen: AbortSignal | undefined;
    const p = withTimeout(
      (s) => {
        seen = s;
        return hang(s);
      },
      1000,
      caller.signal,
    ).catch((e) => e);
    caller.abort();
    const err = await p;
    expect(isCancelledError(err)).toBe(true);
    expect((err as Error).name).toBe('AbortError');
    expect(seen!.aborted).toBe(true);
    await expect(withTimeout(async () => 1, 10, AbortSignal.abort())).rejects.toSatisfy(isCancelledError);
  });
});

describe('Deadline', () => {
  it("cuts a step's timeout to what is left and says so", async () => {
    const d = new Deadline(1000);
    expect(d.stepTimeout(300)).toEqual({ timeoutMs: 300, limitedByDeadline: false });
    await vi.advanceTimersByTimeAsync(800);
    expect(d.stepTimeout(300)).toEqual({ timeoutMs: 200, limitedByDeadline: true });
    await vi.advanceTimersByTimeAsync(200);
    expect(d.expired).toBe(true);
    expect(d.remaining()).toBe(0);
    expect(isDeadlineExceededError(d.error())).toBe(true);
    expect(isTimeoutError(d.error())).toBe(true);
  });
});

describe('exponentialBackoff', () => {
  it('grows by the factor, stays within [base/2, base] and respects the cap', () => {
    const low = exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 1000, random: () => 0 });
    const high = exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 5].map(low)).toEqual([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3].map((n) => Math.round(high(n)))).toEqual([100, 200, 400, 800]);
    const real = exponentialBackoff({ initialDelayMs: 100 });
    for (let i = 0; i < 200; i++) {
      const d = real(2);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
    }
  });
});

describe('retry and retryDelay', () => {
  it('retries a 503 after the backoff, then succeeds', async () => {
    const fn = vi.fn().mockRejectedValueOnce(httpError(503)).mockResolvedValueOnce('ok');
    const p = retry(fn, { retries: 2, backoff: () => 300 });
    await vi.advanceTimersByTimeAsync(299);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(p).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('does not retry a 400 or a timeout', async () => {
    const fn = vi.fn().mockRejectedValue(httpError(400));
    await expect(retry(fn, { retries: 3 })).rejects.toMatchObject({ status: 400 });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('honours Retry-After when it fits in the deadline and gives up at once when it does not', () => {
    const backoff = () => 10;
    const c = classifyError(httpError(429, { 'retry-after': '2' }));
    expect(retryDelay(c, 0, backoff, 5000)).toBe(2000);
    expect(retryDelay(c, 0, backoff, 1500)).toBeUndefined();
    expect(retryDelay(classifyError(httpError(503)), 0, backoff, 5000)).toBe(10);
    expect(retryDelay(classifyError(httpError(503)), 0, backoff, 5)).toBeUndefined();
    expect(retryDelay(classifyError(httpError(401)), 0, backoff, 5000)).toBeUndefined();
  });

  it('a wait that does not fit the deadline is not taken', async () => {
    const fn = vi.fn().mockRejectedValue(httpError(429, { 'retry-after': '5' }));
    await expect(retry(fn, { retries: 3, deadline: new Deadline(1000) })).rejects.toMatchObject({ status: 429 });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('sleep is cancelled by the signal', async () => {
    const c = new AbortController();
    const p = sleep(10_000, c.signal).catch((e) => e);
    c.abort();
    expect(isCancelledError(await p)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('CircuitBreaker', () => {
  it('closed → open after N consecutive failures → half-open single probe → closed', async () => {
    const b = new CircuitBreaker({ threshold: 3, openMs: 10_000 });
    const changes: string[] = [];
    const off = b.onStateChange((state, previous) => changes.push(`${previous}>${state}`));
    for (let i = 0; i < 2; i++) {
      expect(b.tryAcquire()).toBe(true);
      b.failure();
    }
    expect(b.tryAcquire()).toBe(true);
    b.success(); // a success resets the count
    for (let i = 0; i < 3; i++) {
      expect(b.tryAcquire()).toBe(true);
      b.failure();
    }
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true); // the probe
    expect(b.tryAcquire()).toBe(false); // only one at a time
    b.success();
    expect(b.state).toBe('closed');
    expect(changes).toEqual(['closed>open', 'open>half-open', 'half-open>closed']);
    off();
    for (let i = 0; i < 3; i++) b.failure();
    expect(changes).toHaveLength(3);
  });

  it('a failed probe opens it again for another full period; a released probe lets the next caller probe', async () => {
    const b = new CircuitBreaker({ threshold: 1, openMs: 1000 });
    b.tryAcquire();
    b.failure();
    await vi.advanceTimersByTimeAsync(1000);
    expect(b.tryAcquire()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    await vi.advanceTimersByTimeAsync(999);
    expect(b.tryAcquire()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.tryAcquire()).toBe(true);
    b.release();
    expect(b.tryAcquire()).toBe(true);
  });

  it('execute() runs through the breaker and rejects without calling while open', async () => {
    const b = new CircuitBreaker({ threshold: 1, name: 'gpt-4o' });
    await expect(
      b.execute(async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    const fn = vi.fn(async () => 1);
    await expect(b.execute(fn)).rejects.toSatisfy(
      (e: unknown) => isCircuitOpenError(e) && (e as Error).message.includes('gpt-4o'),
    );
    expect(fn).not.toHaveBeenCalled();
  });
});
