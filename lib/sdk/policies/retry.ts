// Retries with jittered exponential backoff. A provider's Retry-After is honoured only when the wait
// fits in what is left of the deadline; otherwise there is no retry and the chain moves on at once.
import { exponentialBackoff, type Backoff } from './backoff.ts';
import { classifyError, type Classification } from './classify.ts';
import { sleep } from './abort.ts';
import type { Deadline } from './deadline.ts';

export interface RetryOptions {
  /** Retries after the first attempt. Default 1. */
  retries?: number;
  /** Delay before retry n when the provider gave no Retry-After. Default exponentialBackoff(). */
  backoff?: Backoff;
  /** The call's deadline; a wait that does not fit in it is not taken. Default: none. */
  deadline?: Deadline;
  /** Called before each wait; for logging. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

const defaultBackoff = exponentialBackoff();

/**
 * The wait before retry number `attempt` (0-based), or undefined when the error is not worth a
 * retry or the wait would not leave time for the retry within `remainingMs`.
 */
export function retryDelay(
  c: Classification,
  attempt: number,
  backoff: Backoff,
  remainingMs: number,
): number | undefined {
  if (!c.retryable) return undefined;
  const delay = c.retryAfterMs ?? backoff(attempt);
  return delay < remainingMs ? delay : undefined;
}

/**
 * Runs `fn` until it succeeds, the error is not retryable, the retries are used up or the deadline
 * leaves no room. Rejects with the last error. The wait between attempts is cancelled by `signal`.
 */
export async function retry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
  signal?: AbortSignal,
): Promise<T> {
  const { retries = 1, backoff = defaultBackoff, deadline, onRetry } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= retries || signal?.aborted) throw error;
      const delayMs = retryDelay(classifyError(error), attempt, backoff, deadline ? deadline.remaining() : Infinity);
      if (delayMs === undefined) throw error;
      onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}
