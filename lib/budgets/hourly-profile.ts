// The feature's own recent spend per hour of day (UTC), the baseline of the month-end forecast
// and of spike detection.
import { DAY_MS, HOUR_MS } from '@/lib/time/units';
import { floorToHour, historyStart, utcHourOfDay, type CostBucket } from './periods';

/** Spend per whole hour in [from, to), hour-aligned; hours without a bucket are $0. */
export function hourlySpend(buckets: readonly CostBucket[], from: Date, to: Date): number[] {
  const lo = floorToHour(from).getTime();
  const hours = Math.max(0, Math.ceil((to.getTime() - lo) / HOUR_MS));
  const out = new Array<number>(hours).fill(0);
  for (const b of buckets) {
    const i = Math.floor((b.start.getTime() - lo) / HOUR_MS);
    if (i >= 0 && i < hours && b.start < to) out[i] += b.costUsd;
  }
  return out;
}

export interface HourOfDayProfile {
  /** Mean spend of each UTC hour of day (index 0–23) over the whole hours of the lookback. */
  meanUsd: number[];
  /** How many whole hours of history the means come from (≤ 24 · lookbackDays). */
  hours: number;
}

/**
 * Mean spend per hour of day over the whole hours in [end − lookbackDays, end), starting no
 * earlier than the history begins. An hour of day not yet seen takes the mean of all hours.
 * Null without a single whole hour of history.
 */
export function hourOfDayProfile(input: {
  buckets: readonly CostBucket[];
  end: Date;
  lookbackDays: number;
  since?: Date;
}): HourOfDayProfile | null {
  const end = floorToHour(input.end);
  const first = historyStart(input.buckets, input.since);
  if (!first) return null;
  const from = new Date(Math.max(end.getTime() - input.lookbackDays * DAY_MS, first.getTime()));
  const spend = hourlySpend(input.buckets, from, end);
  if (spend.length === 0) return null;
  const sum = new Array<number>(24).fill(0);
  const seen = new Array<number>(24).fill(0);
  spend.forEach((usd, i) => {
    const hod = utcHourOfDay(from.getTime() + i * HOUR_MS);
    sum[hod] += usd;
    seen[hod]++;
  });
  const overall = spend.reduce((a, b) => a + b, 0) / spend.length;
  return { meanUsd: sum.map((s, h) => (seen[h] > 0 ? s / seen[h] : overall)), hours: spend.length };
}
