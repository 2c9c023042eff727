// Synthetic good/total and cost series for the SLO and budget unit tests.
import type { SliBucket } from '@/lib/slo/counts';
import type { CostBucket } from '@/lib/budgets/periods';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/**
 * Buckets of `stepMs` from `from` until `to`, each with `perBucket` events of which the share
 * `badRatio(start)` is bad (rounded to whole events).
 */
export function sliSeries(input: {
  from: Date;
  to: Date;
  stepMs: number;
  perBucket: number;
  badRatio?: (start: Date) => number;
}): SliBucket[] {
  const out: SliBucket[] = [];
  for (let t = input.from.getTime(); t < input.to.getTime(); t += input.stepMs) {
    const start = new Date(t);
    const bad = Math.round(input.perBucket * (input.badRatio?.(start) ?? 0));
    out.push({ start, good: input.perBucket - bad, total: input.perBucket });
  }
  return out;
}

/** Hourly cost buckets from `from` until `to`, each costing `usd(start)`. */
export function hourlyCost(from: Date, to: Date, usd: (start: Date) => number): CostBucket[] {
  const out: CostBucket[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += HOUR) out.push({ start: new Date(t), costUsd: usd(new Date(t)) });
  return out;
}

/** A bad ratio of `ratio` in [from, to), 0 elsewhere. */
export const during =
  (from: Date, to: Date, ratio = 1) =>
  (t: Date) =>
    t >= from && t < to ? ratio : 0;
