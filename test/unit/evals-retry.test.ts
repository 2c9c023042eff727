import { describe, expect, it } from 'vitest';
import { TargetError } from '@/lib/evals/errors';
import { retryDelayMs, withRetries } from '@/lib/evals/retry';
import { parseRetryAfter } from '@/lib/sdk/policies/retry-after';

const limited = (retryAfter?: string) => new TargetError('answered 429', true, 429, retryAfter ?? null);

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('waits what Retry-After asks, capped, and backs off exponentially with jitter without it', () => {
    const options = { retries: 5, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 1, now: () => 0 };
    expect(retryDelayMs(limited('2'), 0, options)).toBe(2000);
    expect(retryDelayMs(limited('120'), 0, options)).toBe(10_000);
    expect(retryDelayMs(limited(), 0, options)).toBe(100);
    expect(retryDelayMs(limited(), 3, options)).toBe(800);
    expect(retryDelayMs(limited(), 3, { ...options, random: () => 0 })).toBe(400);
  });

  it('does not retry what will not get better, nor past the retries', () => {
    const options = { retries: 2 };
    expect(retryDelayMs(new TargetError('answered 400', false, 400), 0, options)).toBeNull();
    expect(retryDelayMs(new Error('bug'), 0, options)).toBeNull();
    expect(retryDelayMs(limited(), 2, options)).toBeNull();
  });

  it('retries a 5xx and a network error, then answers; gives up after `retries` with the last error', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const errors = [
      new TargetError('answered 503', true, 503, '1'),
      new TargetError('Cannot reach it: ECONNRESET', true),
    ];
    let attempts = 0;
    const answer = await withRetries(
      async () => {
        attempts++;
        const error = errors.shift();
        if (error) throw error;
        return 'ok';
      },
      { retries: 2, baseDelayMs: 100, random: () => 0.5, sleep },
    );
    expect(answer).toBe('ok');
    expect(attempts).toBe(3);
    expect(waits).toEqual([1000, 150]);

    let tries = 0;
    const failure = await withRetries(
      async () => {
        tries++;
        throw limited(`${tries}`);
      },
      { retries: 2, sleep },
    ).catch((e: Error) => e);
    expect(tries).toBe(3);
    expect(failure).toMatchObject({ message: 'answered 429', retryAfter: '3' });
  });
});
