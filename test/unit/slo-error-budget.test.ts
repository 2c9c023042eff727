import { describe, expect, it } from 'vitest';
import { sumBuckets, windowCountsFromBuckets } from '@/lib/slo/counts';
import { budgetConsumed, burnRate, compliance, errorBudget, timeToExhaustionMs } from '@/lib/slo/error-budget';
import { BURN_WINDOWS, SLO_WINDOWS } from '@/lib/slo/windows';
import { DAY, HOUR, MIN, during, sliSeries } from '../support/series';

describe('error budget (SRE Workbook)', () => {
  it('of 99.9% over 1,000,000 requests is 1,000 bad requests', () => {
    const budget = errorBudget({ good: 999_500, total: 1_000_000 }, 0.999);
    expect(budget.allowedBad).toBeCloseTo(1000, 6);
    expect(budget.bad).toBe(500);
    expect(budget.remaining).toBeCloseTo(0.5, 9);
    expect(errorBudget({ good: 999_000, total: 1_000_000 }, 0.999).remaining).toBeCloseTo(0, 9);
    expect(errorBudget({ good: 998_000, total: 1_000_000 }, 0.999).remaining).toBeCloseTo(-1, 9);
    expect(compliance({ good: 999_500, total: 1_000_000 })).toBe(0.9995);
  });

  it('burn rate is the bad ratio over the allowed ratio', () => {
    expect(burnRate({ good: 985_600, total: 1_000_000 }, 0.999)).toBeCloseTo(14.4, 9);
    expect(burnRate({ good: 1000, total: 1000 }, 0.999)).toBe(0);
    expect(burnRate({ good: 0, total: 10 }, 0.99)).toBeCloseTo(100, 9);
  });

  it('the Workbook table: 14.4× for 1 h spends 2% of 30 days, 6× for 6 h 5%, 3× for 24 h 10%, 1× for 3 d 10%', () => {
    const month = SLO_WINDOWS['30d'];
    expect(budgetConsumed(14.4, BURN_WINDOWS['1h'], month)).toBeCloseTo(0.02, 12);
    expect(budgetConsumed(6, BURN_WINDOWS['6h'], month)).toBeCloseTo(0.05, 12);
    expect(budgetConsumed(3, BURN_WINDOWS['24h'], month)).toBeCloseTo(0.1, 12);
    expect(budgetConsumed(1, BURN_WINDOWS['3d'], month)).toBeCloseTo(0.1, 12);
  });

  it('one hour at 14.4× in an otherwise clean 30-day window leaves 98% of the budget', () => {
    const now = new Date('2026-03-31T00:00:00Z');
    const from = new Date(now.getTime() - 30 * DAY);
    const incident = new Date(now.getTime() - 10 * DAY);
    // 10,000 requests an hour; 144 of them (1.44%) fail during one hour.
    const buckets = sliSeries({
      from,
      to: now,
      stepMs: HOUR,
      perBucket: 10_000,
      badRatio: during(incident, new Date(incident.getTime() + HOUR), 0.0144),
    });
    const counts = windowCountsFromBuckets(buckets, now, '30d');
    expect(counts.slo.total).toBe(7_200_000);
    const budget = errorBudget(counts.slo, 0.999);
    expect(budget.bad).toBe(144);
    expect(budget.remaining).toBeCloseTo(0.98, 9);
  });

  it('no events: no compliance, no budget figure, no burn', () => {
    expect(compliance({ good: 0, total: 0 })).toBeNull();
    expect(errorBudget({ good: 0, total: 0 }, 0.999)).toEqual({ total: 0, bad: 0, allowedBad: 0, remaining: null });
    expect(burnRate({ good: 0, total: 0 }, 0.999)).toBeNull();
  });

  it('rejects an objective outside (0, 1)', () => {
    expect(() => burnRate({ good: 1, total: 1 }, 1)).toThrow(RangeError);
    expect(() => errorBudget({ good: 1, total: 1 }, 0)).toThrow(RangeError);
  });
});

describe('time to exhaustion', () => {
  it('is remaining · window / burn rate', () => {
    expect(timeToExhaustionMs({ remaining: 0.5, burnRate: 2, windowMs: 30 * DAY })).toBe(7.5 * DAY);
    // 14.4× spends a whole 30-day budget in 50 hours.
    expect(timeToExhaustionMs({ remaining: 1, burnRate: 14.4, windowMs: 30 * DAY })).toBeCloseTo(50 * HOUR, 3);
  });
  it('is 0 once spent and unknown when nothing burns or nothing is known', () => {
    expect(timeToExhaustionMs({ remaining: -0.2, burnRate: 3, windowMs: 30 * DAY })).toBe(0);
    expect(timeToExhaustionMs({ remaining: 0.7, burnRate: 0, windowMs: 30 * DAY })).toBeNull();
    expect(timeToExhaustionMs({ remaining: 0.7, burnRate: null, windowMs: 30 * DAY })).toBeNull();
    expect(timeToExhaustionMs({ remaining: null, burnRate: null, windowMs: 30 * DAY })).toBeNull();
  });
});

describe('window counts', () => {
  const now = new Date('2026-03-31T12:00:30Z');
  const buckets = sliSeries({
    from: new Date(now.getTime() - 4 * DAY),
    to: new Date(now.getTime() + 2 * MIN),
    stepMs: MIN,
    perBucket: 1,
  });

  it('hold the buckets that start in [now − window, now)', () => {
    const counts = windowCountsFromBuckets(buckets, now, '7d');
    // Minutes 11:56 … 12:00 start within the last five minutes; 12:01 is in the future.
    expect(counts['5m'].total).toBe(5);
    expect(counts['1h'].total).toBe(60);
    expect(counts['3d'].total).toBe(3 * 24 * 60);
    expect(counts.slo.total).toBe(4 * 24 * 60);
  });

  it('agree with summing any one window', () => {
    const counts = windowCountsFromBuckets(buckets, now, '7d');
    for (const [name, span] of Object.entries(BURN_WINDOWS)) {
      expect(sumBuckets(buckets, new Date(now.getTime() - span), now), name).toEqual(
        counts[name as keyof typeof BURN_WINDOWS],
      );
    }
  });
});
