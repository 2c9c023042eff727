// Retries of a target call: rate limits, 5xx and network errors are retried up to `retries` times,
// waiting what the target's Retry-After asks (seconds or an HTTP date), else an exponential
// backoff with jitter so concurrent cases do not retry in lockstep. The reader, the backoff and
// the sleep are the SDK's (lib/sdk/policies).
import { sleep } from '@/lib/sdk/policies/abort';
import { exponentialBackoff } from '@/lib/sdk/policies/backoff';
import { parseRetryAfter } from '@/lib/sdk/policies/retry-after';
import { TargetError } from './errors';

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  /** The first backoff without Retry-After; doubles each retry. Default 500 ms. */
  baseDelayMs?: number;
  /** The longest wait, Retry-After included, so one answer cannot stall the run. Default 60 s. */
  maxDelayMs?: number;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** How long to wait before retry number `retry` (0-based) after `error`; null: do not retry it. */
export function retryDelayMs(error: unknown, retry: number, options: RetryOptions): number | null {
  if (!(error instanceof TargetError) || !error.retryable || retry >= options.retries) return null;
  const max = options.maxDelayMs ?? 60_000;
  const asked = parseRetryAfter(error.retryAfter, (options.now ?? Date.now)());
  if (asked !== null) return Math.min(asked, max);
  return exponentialBackoff({ initialDelayMs: options.baseDelayMs ?? 500, maxDelayMs: max, random: options.random })(
    retry,
  );
}

/** Runs `attempt` until it succeeds, fails for good, or the retries are spent; throws the last error. */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions,
  signal?: AbortSignal,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      const delay = retryDelayMs(err, n, options);
      if (delay === null) throw err;
      await (options.sleep ?? sleep)(delay, signal);
    }
  }
}
