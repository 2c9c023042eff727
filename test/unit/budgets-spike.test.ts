import { describe, expect, it } from 'vitest';
import { detectCostSpike, median } from '@/lib/budgets/spike';
import { DAY, HOUR, MIN, hourlyCost } from '../support/series';

const now = new Date('2026-11-20T15:10:00Z');
const lastHour = new Date('2026-11-20T14:00:00Z');
/** Hourly history for the 10 days before `lastHour`, the same hour (14:00) of day d back costing baseline[d − 1], then the last hour. */
function history(baseline: number[], actual: number, otherHours = 0.5) {
  const buckets = hourlyCost(new Date(lastHour.getTime() - 10 * DAY), lastHour, (t) => {
    const daysBack = Math.round((lastHour.getTime() - t.getTime()) / DAY);
    return t.getUTCHours() === 14 && daysBack <= baseline.length ? baseline[daysBack - 1] : otherHours;
  });
  buckets.push({ start: lastHour, costUsd: actual });
  return buckets;
}

describe('cost spike detection', () => {
  it('compares the last whole hour with the median of the same hour on the previous 7 days', () => {
    const baseline = [2, 2.2, 1.8, 2, 2.1, 1.9, 2];
    // Median $2; MAD 0.1 → σ ≈ 0.148; the largest margin is 50% of $2: alert above $3.
    const spike = detectCostSpike({ buckets: history(baseline, 3.5), now });
    expect(spike).toMatchObject({
      state: 'spike',
      from: lastHour,
      to: new Date('2026-11-20T15:00:00Z'),
      actualUsd: 3.5,
      expectedUsd: 2,
      thresholdUsd: 3,
      baselineUsd: baseline,
    });
    expect(detectCostSpike({ buckets: history(baseline, 2.9), now })).toMatchObject({
      state: 'normal',
      actualUsd: 2.9,
      expectedUsd: 2,
    });
  });

  it('the spread widens the margin for a noisy feature', () => {
    const baseline = [10, 20, 14, 6, 12, 18, 8];
    // Median 12, MAD 4 → 3 · 1.4826 · 4 = 17.79 > 50% of 12: alert above 29.79.
    const s = detectCostSpike({ buckets: history(baseline, 28), now });
    expect(s.state).toBe('normal');
    expect(s.thresholdUsd).toBeCloseTo(12 + 3 * 1.4826 * 4, 9);
    expect(detectCostSpike({ buckets: history(baseline, 30), now }).state).toBe('spike');
  });

  it('is hour-of-day aware: a busy hour that is busy every day is not a spike', () => {
    // $10 at 14:00 every day, $0.50 in every other hour: the last hour is 20× the daily mean hour, yet normal.
    expect(detectCostSpike({ buckets: history([10, 10, 10, 10, 10, 10, 10], 10.5), now })).toMatchObject({
      state: 'normal',
      expectedUsd: 10,
    });
  });

  it('one earlier spike in the baseline does not hide the next (median, not mean + kσ)', () => {
    const s = detectCostSpike({ buckets: history([10, 10, 10, 30, 10, 10, 10], 25), now });
    // Mean + 3σ of this baseline would be 12.9 + 3 · 7.6 ≈ 35.
    expect(s).toMatchObject({ state: 'spike', expectedUsd: 10, thresholdUsd: 15, actualUsd: 25 });
  });

  it('a tiny feature never spikes below the minimum amount', () => {
    const tiny = detectCostSpike({ buckets: history([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01], 0.5, 0.01), now });
    expect(tiny).toMatchObject({ state: 'normal', expectedUsd: 0.01, thresholdUsd: 1.01 });
    expect(
      detectCostSpike(
        { buckets: history([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01], 0.5, 0.01), now },
        { minIncreaseUsd: 0.1 },
      ).state,
    ).toBe('spike');
  });

  it('a new feature without 3 days of history gets no verdict', () => {
    const buckets = hourlyCost(new Date(lastHour.getTime() - 2 * DAY), new Date(lastHour.getTime() + HOUR), () => 5);
    expect(detectCostSpike({ buckets, now })).toMatchObject({
      state: 'insufficient_history',
      baselineUsd: [5, 5],
      expectedUsd: null,
      thresholdUsd: null,
      actualUsd: 5,
    });
    // Told the feature is older, the missing hours count as $0.
    const older = detectCostSpike({ buckets, now, since: new Date(lastHour.getTime() - 7 * DAY) });
    expect(older).toMatchObject({ state: 'spike', baselineUsd: [5, 5, 0, 0, 0, 0, 0], expectedUsd: 0 });
  });

  it('a rolling hour from per-minute buckets', () => {
    const minutes = [];
    for (let t = now.getTime() - 5 * DAY; t < now.getTime(); t += MIN)
      minutes.push({ start: new Date(t), costUsd: t >= now.getTime() - 20 * MIN ? 0.5 : 0.02 });
    const s = detectCostSpike({ buckets: minutes, now, to: now });
    expect(s.from).toEqual(new Date(now.getTime() - HOUR));
    expect(s.actualUsd).toBeCloseTo(40 * 0.02 + 20 * 0.5, 9);
    expect(s).toMatchObject({ state: 'spike' });
    expect(s.expectedUsd).toBeCloseTo(1.2, 9);
  });

  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
