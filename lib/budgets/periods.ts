// Cost per time bucket and the UTC periods budgets are counted in (a budget day is a UTC day,
// a budget month a UTC calendar month).
import { HOUR_MS } from '@/lib/time/units';

/** Spend of one time bucket (an hourly or per-minute rollup row), counted by its start. */
export interface CostBucket {
  start: Date;
  costUsd: number;
}

/**
 * The UTC hour of day (0–23) of an instant in ms since the epoch, without a Date: hot loops call
 * it per hour of a month and per feature, and every Date made on the server costs (Next.js wraps
 * the constructor; 27 % of an overview's CPU at 500 features, test/bench/overview-scale.mts).
 */
export const utcHourOfDay = (ms: number) => ((Math.floor(ms / HOUR_MS) % 24) + 24) % 24;

export const floorToHour = (t: Date) => new Date(Math.floor(t.getTime() / HOUR_MS) * HOUR_MS);
export const utcDayStart = (t: Date) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
export const utcMonthStart = (t: Date) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
/** The first instant of the next UTC month. */
export const utcMonthEnd = (t: Date) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));

/** Spend of the buckets that start in [from, to). */
export function spendBetween(buckets: readonly CostBucket[], from: Date, to: Date): number {
  const lo = from.getTime();
  const hi = to.getTime();
  let sum = 0;
  for (const b of buckets) {
    const t = b.start.getTime();
    if (t >= lo && t < hi) sum += b.costUsd;
  }
  return sum;
}

/**
 * Since when the series has history: `since` (e.g. the feature's first call) when given, else
 * the hour of the earliest bucket. An hour after it without a bucket counts as $0 spent; an
 * hour before it is unknown, so baselines and profiles skip it instead of reading it as $0.
 */
export function historyStart(buckets: readonly CostBucket[], since?: Date): Date | null {
  if (since) return floorToHour(since);
  let first = Infinity;
  for (const b of buckets) first = Math.min(first, b.start.getTime());
  return Number.isFinite(first) ? floorToHour(new Date(first)) : null;
}
