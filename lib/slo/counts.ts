// Good/total counts per time bucket, and their sums over the windows that SLO math reads.
import { BURN_WINDOW_NAMES, BURN_WINDOWS, SLO_WINDOWS, type BurnWindow, type SloWindow } from './windows';

/** Events of one SLI: `good` of `total` met the objective's condition (bad = total − good). */
export interface SliCounts {
  good: number;
  total: number;
}

/**
 * One time bucket of an SLI series (e.g. a per-minute rollup row). A bucket belongs to a window
 * when its start lies in [now − window, now): with 1-minute buckets the 5-minute window holds
 * exactly five of them. Buckets must be no wider than the shortest window read (5 min).
 */
export interface SliBucket extends SliCounts {
  start: Date;
}

/** Counts over the SLO's own window and over every standard burn-rate window, ending now. */
export type WindowCounts = { slo: SliCounts } & Record<BurnWindow, SliCounts>;

export function badOf(counts: SliCounts): number {
  return Math.max(0, counts.total - counts.good);
}

/** Sum of the buckets whose start lies in [from, to). */
export function sumBuckets(buckets: readonly SliBucket[], from: Date, to: Date): SliCounts {
  let good = 0;
  let total = 0;
  const lo = from.getTime();
  const hi = to.getTime();
  for (const b of buckets) {
    const t = b.start.getTime();
    if (t >= lo && t < hi) {
      good += b.good;
      total += b.total;
    }
  }
  return { good, total };
}

/** The counts of every window ending at `now`, in one pass over the series. */
export function windowCountsFromBuckets(buckets: readonly SliBucket[], now: Date, sloWindow: SloWindow): WindowCounts {
  const spans: [keyof WindowCounts, number][] = [
    ['slo', SLO_WINDOWS[sloWindow]],
    ...BURN_WINDOW_NAMES.map((w): [BurnWindow, number] => [w, BURN_WINDOWS[w]]),
  ];
  const sums = Object.fromEntries(spans.map(([name]) => [name, { good: 0, total: 0 }])) as WindowCounts;
  const end = now.getTime();
  for (const b of buckets) {
    const age = end - b.start.getTime();
    if (age <= 0) continue;
    for (const [name, span] of spans) {
      if (age <= span) {
        sums[name].good += b.good;
        sums[name].total += b.total;
      }
    }
  }
  return sums;
}
