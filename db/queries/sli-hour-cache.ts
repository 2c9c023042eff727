// The SLI sums of settled hours, kept in the process between evaluations. A 30-day SLO window is
// ~720 hourly rollup rows per key and counting a histogram threshold costs a few µs per row, so
// reading all of them every minute for every SLO is seconds at 10 M calls; but an hour that ended
// two hours ago rarely changes. Each entry holds one SLO's per-hour sums (by feature,
// environment and SLI spec) up to `to`; later hours are read every time. An entry is refilled
// from scratch after CACHE_TTL_MS, so calls that arrive late for an old hour, a rollup rebuild or
// retention show within that time. One database per process (the server's, the CLI's).
import type { SliSums } from '@/lib/slo/sli-spec';
import { HOUR_MS } from '@/lib/slo/windows';

/** Hours that ended at least this long ago are cached. */
export const SETTLE_MS = 2 * HOUR_MS;
export const CACHE_TTL_MS = 10 * 60_000;

export interface CachedHours {
  /** Wall-clock time of the full read this entry started from. */
  filledAt: number;
  /** Hours in [from, to) are all here (an hour without calls has no entry). */
  from: number;
  to: number;
  hours: Map<number, SliSums>;
}

const entries = new Map<string, CachedHours>();

export function cacheKey(featureId: number, environment: string, spec: { kind: string; bucket: number }): string {
  return `${featureId}\u0000${environment}\u0000${spec.kind}\u0000${spec.bucket}`;
}

/** The entry when it is fresh and reaches back to `from`. */
export function cachedHours(key: string, from: number, wallClock = Date.now()): CachedHours | undefined {
  const entry = entries.get(key);
  if (!entry || wallClock - entry.filledAt > CACHE_TTL_MS || wallClock < entry.filledAt || entry.from > from) return undefined;
  return entry;
}

export function storeHours(key: string, entry: CachedHours): void {
  entries.set(key, entry);
}
