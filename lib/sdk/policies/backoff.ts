// Jittered exponential backoff ("equal jitter"): the n-th delay lies in [base/2, base] with
// base = min(maxDelayMs, initialDelayMs * factor^n), so retries spread out but never bunch at 0,
// and many clients cut off at once do not come back in lockstep. One backoff for the whole project:
// the SDK's retries, re-sends and reconnects, and on the server eval retries, webhook re-deliveries
// and Postgres reconnects (lib/sdk may import nothing outside it; the server may import lib/sdk).

export interface BackoffOptions {
  /** First delay's upper bound. Default 200 ms. */
  initialDelayMs?: number;
  /** Cap on any delay. Default 5,000 ms. */
  maxDelayMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Source of randomness in [0, 1); injectable for tests. Default Math.random. */
  random?: () => number;
}

export type Backoff = (attempt: number) => number;

/** Returns the delay in whole milliseconds before retry number `attempt` (0 = the first retry). */
export function exponentialBackoff(options: BackoffOptions = {}): Backoff {
  const { initialDelayMs = 200, maxDelayMs = 5_000, factor = 2, random = Math.random } = options;
  return (attempt) => {
    const base = Math.min(maxDelayMs, initialDelayMs * factor ** attempt);
    return Math.round(base / 2 + random() * (base / 2));
  };
}
