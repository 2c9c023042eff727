// When to try a webhook again: exponential backoff with jitter, the receiver's Retry-After when
// it sends one, and a point where retrying stops. The backoff is the SDK's (lib/sdk/policies).
import { exponentialBackoff } from '@/lib/sdk/policies/backoff';

export interface RetryPolicy {
  /** Attempts in all, the first included, before the delivery is marked failed. Default 8. */
  maxAttempts: number;
  /** Delay after the first failure; doubles with each further one. Default 5 s. */
  baseDelayMs: number;
  /** Longest backoff delay. Default 10 min (so 8 attempts span about 10 minutes). */
  maxDelayMs: number;
  /** Longest Retry-After honoured; a receiver asking for more waits this long. Default 1 h. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 5_000,
  maxDelayMs: 600_000,
  maxRetryAfterMs: 3_600_000,
};

/** Network errors and timeouts (no status), 408, 429 and 5xx may pass on a later try; other answers will not. */
export function isRetryable(status: number | null): boolean {
  return status === null || status === 408 || status === 429 || status >= 500;
}

/**
 * The wait before attempt `attempt + 1`: the receiver's Retry-After if it gave one (capped),
 * else base·2^(attempt−1) capped at maxDelayMs, scaled by a random factor in [0.5, 1) so that
 * deliveries failed together do not all come back at once.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | null,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random = Math.random,
): number {
  if (retryAfterMs !== null) return Math.min(Math.max(retryAfterMs, 1_000), policy.maxRetryAfterMs);
  return exponentialBackoff({ initialDelayMs: policy.baseDelayMs, maxDelayMs: policy.maxDelayMs, random })(attempt - 1);
}

export type DeliveryOutcome = { kind: 'delivered' } | { kind: 'failed' } | { kind: 'retry'; nextAttemptAt: Date };

/** What to do after attempt `attempt` answered `status` (null: no answer) at `at`. */
export function decideOutcome(
  {
    attempt,
    status,
    retryAfterMs,
    at,
  }: { attempt: number; status: number | null; retryAfterMs: number | null; at: Date },
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random = Math.random,
): DeliveryOutcome {
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  if (!isRetryable(status) || attempt >= policy.maxAttempts) return { kind: 'failed' };
  return { kind: 'retry', nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempt, retryAfterMs, policy, random)) };
}
