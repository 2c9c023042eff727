// Sums of settled hours, kept in the process between evaluations: the SLI sums of each SLO and the
// spend of each feature per hour. A 30-day SLO window is ~720 hourly rollup rows per key and
// counting a histogram threshold costs a few µs per row, so reading all of them every minute for
// every SLO is seconds at 10 M calls; but an hour that ended two hours ago rarely changes. Each
// entry holds one key's per-hour values up to `to`; later hours are read every time. An entry is
// refilled from scratch after CACHE_TTL_MS, so calls that arrive late for an old hour, a rollup
// rebuild or retention show within that time. One database per process (the server's, the CLI's).
import type { SliSums } from '@/lib/slo/sli-spec';
import { HOUR_MS } from '@/lib/slo/windows';

/** Hours that ended at least this long ago are cached. */
export const SETTLE_MS = 2 * HOUR_MS;
export const CACHE_TTL_MS = 10 * 60_000;

export interface CachedHours<T> {
  /** Wall-clock time of the full read this entry started from. */
  filledAt: number;
  /** Hours in [from, to) are all here (an hour without calls has no entry). */
  from: number;
  to: number;
  hours: Map<number, T>;
}

export class HourCache<T> {
  private readonly entries = new Map<string, CachedHours<T>>();

  /** The entry when it is fresh and reaches back to `from`. */
  get(key: string, from: number, wallClock = Date.now()): CachedHours<T> | undefined {
    const entry = this.entries.get(key);
    if (!entry || wallClock - entry.filledAt > CACHE_TTL_MS || wallClock < entry.filledAt || entry.from > from) return undefined;
    return entry;
  }

  /** Keeps the hours in [from, max(settledTo, previous to)) of `hours` (cached ones and those just read). */
  store(key: string, params: { previous: CachedHours<T> | undefined; from: number; settledTo: number; hours: Map<number, T> }): void {
    const to = Math.max(params.settledTo, params.previous?.to ?? params.settledTo);
    const hours = new Map([...params.hours].filter(([hour]) => hour >= params.from && hour < to));
    this.entries.set(key, { filledAt: params.previous?.filledAt ?? Date.now(), from: params.from, to, hours });
  }
}

export const sliHours = new HourCache<SliSums>();
export const costHours = new HourCache<number>();

export function sliCacheKey(featureId: number, environment: string, spec: { kind: string; bucket: number }): string {
  return `${featureId}\u0000${environment}\u0000${spec.kind}\u0000${spec.bucket}`;
}
