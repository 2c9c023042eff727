// Token buckets per API key, in memory: each process limits on its own, so N instances behind a
// load balancer allow up to N times the rate. Enough to stop a runaway client from starving others.
import { env } from '@/lib/env';
import { ApiError } from '@/lib/api/errors';

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string | number, Bucket>();

  constructor(
    /** Tokens added per second. */
    readonly ratePerSecond: number,
    /** Bucket size: how many requests may come at once after a quiet spell. */
    readonly burst: number,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string | number, now = Date.now()): Take {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.buckets.clear();
      bucket = { tokens: this.burst, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.ratePerSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerSecond)) };
  }
}

const store = globalThis as unknown as { __switchboardIngestLimiter?: TokenBuckets };

/** The process-wide limiter for POST /api/v1/calls (SWITCHBOARD_INGEST_RATE_PER_SEC / _BURST). */
export function ingestRateLimiter(): TokenBuckets {
  return (store.__switchboardIngestLimiter ??= new TokenBuckets(
    env.SWITCHBOARD_INGEST_RATE_PER_SEC,
    env.SWITCHBOARD_INGEST_BURST,
  ));
}

/** Takes one request from the key's bucket, or throws 429 with Retry-After: for every ingestion route. */
export function enforceIngestRate(key: { keyId: number; name: string }): void {
  const allowed = ingestRateLimiter().take(key.keyId);
  if (allowed.ok) return;
  throw new ApiError(
    429,
    'rate_limited',
    `The API key "${key.name}" sends more requests than allowed; retry after ${allowed.retryAfterSeconds} s.`,
    undefined,
    {
      'Retry-After': String(allowed.retryAfterSeconds),
    },
  );
}
