// Cost spike detection against the feature's own baseline, hour-of-day aware: the spend of one
// hour is compared with the same hour of day on each of the previous 7 days. Expected is their
// median; the spread their MAD scaled to a standard deviation (1.4826 · MAD), robust to one
// earlier spike in the baseline. A spike needs the hour to exceed expected by the largest of
// k · spread, a share of expected, and a minimum amount in dollars, so that a steady feature
// (MAD 0) does not alert on cents and a tiny feature never alerts.
import { DAY_MS, HOUR_MS } from '@/lib/time/units';
import { floorToHour, historyStart, spendBetween, type CostBucket } from './periods';

export interface SpikeOptions {
  /** Days of baseline (same hour of day, previous days). Default 7. */
  baselineDays?: number;
  /** Fewer baseline days than this (a new feature): no verdict. Default 3. */
  minBaselineDays?: number;
  /** Robust z-score over the baseline. Default 3. */
  k?: number;
  /** The hour must exceed expected by at least this share of it. Default 0.5 (1.5×). */
  minIncreaseRatio?: number;
  /** ... and by at least this many dollars. Default $1. */
  minIncreaseUsd?: number;
}
export const SPIKE_DEFAULTS: Required<SpikeOptions> = {
  baselineDays: 7,
  minBaselineDays: 3,
  k: 3,
  minIncreaseRatio: 0.5,
  minIncreaseUsd: 1,
};

/** 1.4826 · MAD estimates σ for normally distributed data. */
const MAD_TO_SIGMA = 1.4826;

export interface CostSpike {
  state: 'spike' | 'normal' | 'insufficient_history';
  /** The hour compared: [from, to). */
  from: Date;
  to: Date;
  actualUsd: number;
  /** Median of the baseline; null without enough history. */
  expectedUsd: number | null;
  /** Spend above which the hour is a spike; null without enough history. */
  thresholdUsd: number | null;
  /** The same hour on previous days, most recent first. */
  baselineUsd: number[];
}

/**
 * Compares the hour ending at `to` (default: the last whole hour before `now`). With per-minute
 * buckets `to` may be `now` itself, a rolling hour; with hourly buckets it must be on the hour.
 */
export function detectCostSpike(
  input: { buckets: readonly CostBucket[]; now: Date; to?: Date; since?: Date },
  options: SpikeOptions = {},
): CostSpike {
  const o = { ...SPIKE_DEFAULTS, ...options };
  const to = input.to ?? floorToHour(input.now);
  const from = new Date(to.getTime() - HOUR_MS);
  const actualUsd = spendBetween(input.buckets, from, to);
  const first = historyStart(input.buckets, input.since)?.getTime() ?? Infinity;

  const baselineUsd: number[] = [];
  for (let d = 1; d <= o.baselineDays; d++) {
    const dayFrom = from.getTime() - d * DAY_MS;
    if (dayFrom < first) break;
    baselineUsd.push(spendBetween(input.buckets, new Date(dayFrom), new Date(dayFrom + HOUR_MS)));
  }
  if (baselineUsd.length < o.minBaselineDays) {
    return { state: 'insufficient_history', from, to, actualUsd, expectedUsd: null, thresholdUsd: null, baselineUsd };
  }
  const expectedUsd = median(baselineUsd);
  const spread = MAD_TO_SIGMA * median(baselineUsd.map((v) => Math.abs(v - expectedUsd)));
  const thresholdUsd = expectedUsd + Math.max(o.k * spread, o.minIncreaseRatio * expectedUsd, o.minIncreaseUsd);
  return {
    state: actualUsd > thresholdUsd ? 'spike' : 'normal',
    from,
    to,
    actualUsd,
    expectedUsd,
    thresholdUsd,
    baselineUsd,
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
