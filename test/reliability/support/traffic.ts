// What the reliability tests send and how they watch it: calls as the SDK records them, a fetch
// that tallies the ingestion answers the SDK got, and percentiles.
import { randomUUID } from 'node:crypto';
import type { CallRecord } from '@/lib/sdk/types';

let sequence = 0;

/** One finished call as an application's SDK records it: every tenth an error, latencies spread. */
export function sdkCall(feature: string, at = new Date()): CallRecord {
  const n = sequence++;
  const failed = n % 10 === 0;
  return {
    id: randomUUID(),
    feature,
    timestamp: at.toISOString(),
    model: 'gpt-4o-mini',
    outcome: failed ? 'error' : 'ok',
    ...(failed ? { errorType: 'timeout' as const } : {}),
    route: 'primary',
    fallbackDepth: 0,
    latencyMs: 40 + ((n * 37) % 1_500),
    inputTokens: 200 + (n % 50),
    outputTokens: 40 + (n % 30),
  };
}

/** Answers of POST /api/v1/calls by status ('network' for a request that got none). */
export class IngestTally {
  readonly byStatus = new Map<string, number>();
  /** 429/503 answers that lacked Retry-After: the SDK could not know how long to wait. */
  withoutRetryAfter = 0;
  /** Why each request without an answer failed, as undici put it. */
  readonly networkErrors: string[] = [];
  private readonly born = performance.now();

  /** The `fetch` to hand to createSwitchboard: the global one, tallying ingestion answers. */
  readonly fetch: typeof fetch = async (input, init) => {
    const ingest = String(input instanceof Request ? input.url : input).endsWith('/api/v1/calls');
    try {
      const response = await fetch(input, init);
      if (ingest) this.count(String(response.status), response);
      return response;
    } catch (err) {
      if (ingest) {
        this.count('network');
        this.networkErrors.push(
          `at ${((performance.now() - this.born) / 1000).toFixed(1)} s: ${describeNetworkError(err)}`,
        );
      }
      throw err;
    }
  };

  count(status: string, response?: Response): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if ((status === '503' || status === '429') && !response?.headers.get('retry-after')) this.withoutRetryAfter++;
  }

  of(status: string): number {
    return this.byStatus.get(status) ?? 0;
  }

  toString(): string {
    return [...this.byStatus]
      .sort()
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
  }
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

/** "median (min–max)", how the docs give a figure of several runs. */
export function medianAndRange(values: readonly number[], digits = 0): string {
  return `${percentile(values, 0.5).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}

export const ms = (v: number) => `${v.toFixed(0)} ms`;

export const sleep = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

/** Waits until `check` holds, polling; throws with `what` after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(50);
  }
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return [(err as Error).message, cause?.code, cause?.message].filter(Boolean).join(': ');
}
