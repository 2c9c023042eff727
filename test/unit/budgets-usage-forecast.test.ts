import { describe, expect, it } from 'vitest';
import { forecastMonthEnd } from '@/lib/budgets/forecast';
import { hourOfDayProfile } from '@/lib/budgets/hourly-profile';
import { utcHourOfDay } from '@/lib/budgets/periods';
import { budgetUsage, costBudgetUsage } from '@/lib/budgets/usage';
import { DAY, hourlyCost } from '../support/series';

describe('budget usage', () => {
  const period = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
  it('lists the thresholds crossed, exactly at the amount', () => {
    expect(budgetUsage({ kind: 'monthly', spentUsd: 39.99, limitUsd: 50, ...period }).crossed).toEqual([0.5]);
    expect(budgetUsage({ kind: 'monthly', spentUsd: 40, limitUsd: 50, ...period }).crossed).toEqual([0.5, 0.8]);
    const over = budgetUsage({ kind: 'monthly', spentUsd: 60, limitUsd: 50, thresholds: [1, 0.9], ...period });
    expect(over).toMatchObject({ ratio: 1.2, crossed: [0.9, 1] });
    expect(budgetUsage({ kind: 'daily', spentUsd: 0, limitUsd: 50, ...period }).crossed).toEqual([]);
    expect(() => budgetUsage({ kind: 'daily', spentUsd: 1, limitUsd: 0, ...period })).toThrow(RangeError);
  });

  it('counts today and this month in UTC', () => {
    const now = new Date('2026-11-03T10:30:00Z');
    // $1 an hour since Oct 30: Nov 1–2 are 48 h, today 00:00–10:00 is 11 buckets.
    const buckets = hourlyCost(new Date('2026-10-30T00:00:00Z'), now, () => 1);
    const { daily, monthly } = costBudgetUsage({ buckets, now, dailyUsd: 20, monthlyUsd: 100 });
    expect(daily).toMatchObject({
      spentUsd: 11,
      limitUsd: 20,
      crossed: [0.5],
      from: new Date('2026-11-03T00:00:00Z'),
      to: new Date('2026-11-04T00:00:00Z'),
    });
    expect(monthly).toMatchObject({
      spentUsd: 59,
      crossed: [0.5],
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
    expect(costBudgetUsage({ buckets, now, dailyUsd: null }).daily).toBeNull();
  });
});

describe('month-end forecast', () => {
  // $2 an hour from 09:00 to 17:00 UTC, $0.50 otherwise: $24 a day.
  const workday = (t: Date) => (t.getUTCHours() >= 9 && t.getUTCHours() < 17 ? 2 : 0.5);

  it('adds to the spend so far the hour-of-day profile of the last 7 days for every hour left', () => {
    const now = new Date('2026-11-15T12:30:00Z');
    const buckets = hourlyCost(new Date('2026-10-20T00:00:00Z'), new Date('2026-11-15T12:00:00Z'), workday);
    buckets.push({ start: new Date('2026-11-15T12:00:00Z'), costUsd: 1 }); // half of the current hour
    const f = forecastMonthEnd({ buckets, now, monthlyUsd: 600 });
    // Spent: 14 days × $24 + today 00–09 (9 × 0.5) + 09–12 (3 × 2) + $1 now.
    expect(f.spentUsd).toBeCloseTo(336 + 4.5 + 6 + 1, 9);
    // Rest: half of 12:00 ($1), 13–17 (4 × 2), 17–24 (7 × 0.5), then Nov 16–30 (15 × $24).
    expect(f.expectedRestUsd).toBeCloseTo(1 + 8 + 3.5 + 360, 9);
    expect(f).toMatchObject({ method: 'hour_of_day', historyHours: 7 * 24 });
    expect(f.forecastUsd).toBeCloseTo(720, 9);
    expect(f.forecastRatio).toBeCloseTo(1.2, 9);
  });

  it('follows the recent week, not the month’s average: spend doubled 3 days ago', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const buckets = hourlyCost(new Date('2026-11-01T00:00:00Z'), now, (t) =>
      t >= new Date('2026-11-17T00:00:00Z') ? 2 : 1,
    );
    const f = forecastMonthEnd({ buckets, now });
    // Profile: (4 days × $1 + 3 days × $2) / 7 per hour; 11 days (Nov 20–30) of 24 hours left.
    expect(f.expectedRestUsd).toBeCloseTo((10 / 7) * 11 * 24, 9);
    expect(f.spentUsd).toBe(16 * 24 + 3 * 48);
    expect(f.forecastRatio).toBeNull();
  });

  it('a new feature: the profile uses the hours it has, an unseen hour of day their mean', () => {
    const now = new Date('2026-11-10T06:00:00Z');
    const buckets = hourlyCost(new Date('2026-11-10T00:00:00Z'), now, (t) => t.getUTCHours()); // $0…$5
    const profile = hourOfDayProfile({ buckets, end: now, lookbackDays: 7 })!;
    expect(profile.hours).toBe(6);
    expect(profile.meanUsd.slice(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 2.5]);
    // Hours before the first bucket are unknown, not $0: `since` says when the feature began.
    expect(
      hourOfDayProfile({ buckets, end: now, lookbackDays: 7, since: new Date('2026-11-09T00:00:00Z') })!.hours,
    ).toBe(30);
  });

  it('without a whole hour of history continues the month-to-date rate; with nothing it forecasts the spend', () => {
    const now = new Date('2026-11-01T00:30:00Z');
    const f = forecastMonthEnd({ buckets: [{ start: new Date('2026-11-01T00:10:00Z'), costUsd: 0.5 }], now });
    expect(f.method).toBe('month_to_date');
    expect(f.forecastUsd).toBeCloseTo((0.5 / (30 * 60_000)) * 30 * DAY, 6);
    expect(forecastMonthEnd({ buckets: [], now })).toMatchObject({
      method: 'none',
      spentUsd: 0,
      forecastUsd: 0,
      historyHours: 0,
    });
  });

  it('on the last hour of the month only the rest of that hour is left', () => {
    const now = new Date('2026-11-30T23:45:00Z');
    const buckets = hourlyCost(new Date('2026-11-20T00:00:00Z'), new Date('2026-11-30T23:00:00Z'), () => 4);
    expect(forecastMonthEnd({ buckets, now }).expectedRestUsd).toBeCloseTo(4 * 0.25, 9);
  });
});

describe('utcHourOfDay', () => {
  it('agrees with Date for every hour over years, and before the epoch', () => {
    for (let t = Date.UTC(1969, 11, 30); t < Date.UTC(2031, 0, 1); t += 3_600_000 * 7 + 1_234_567) {
      expect(utcHourOfDay(t)).toBe(new Date(t).getUTCHours());
    }
  });
});
