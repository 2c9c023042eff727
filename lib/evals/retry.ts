// Retries of a target call: rate limits, 5xx and network errors are retried up to `retries` times,
// waiting what the target's Retry-After asks (seconds or an HTTP date), else an exponential
// backoff with jitter so concurrent cases do not retry in lockstep.
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

/** Milliseconds a Retry-After header asks for; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** How long to wait before retry number `retry` (0-based) after `error`; null: do not retry it. */
export function retryDelayMs(error: unknown, retry: number, options: RetryOptions): number | null {
  if (!(error instanceof TargetError) || !error.retryable || retry >= options.retries) return null;
  const max = options.maxDelayMs ?? 60_000;
  const asked = parseRetryAfter(error.retryAfter, (options.now ?? Date.now)());
  if (asked !== null) return Math.min(asked, max);
  const backoff = (options.baseDelayMs ?? 500) * 2 ** retry;
  // Half fixed, half random: a spread without ever retrying immediately.
  return Math.min(max, Math.round(backoff * (0.5 + 0.5 * (options.random ?? Math.random)())));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `attempt` until it succeeds, fails for good, or the retries are spent; throws the last error. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions, signal?: AbortSignal): Promise<T> {
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
