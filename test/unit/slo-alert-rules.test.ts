import { describe, expect, it } from 'vitest';
import {
  BURN_RATE_RULES,
  burnRateThreshold,
  evaluateRule,
  evaluateRules,
  type BurnRateRule,
} from '@/lib/slo/alert-rules';
import { detectionTimeMs, resetTimeMs } from '@/lib/slo/alert-timing';
import { windowCountsFromBuckets } from '@/lib/slo/counts';
import { budgetConsumed } from '@/lib/slo/error-budget';
import { BURN_WINDOWS, SLO_WINDOWS, type SloWindow } from '@/lib/slo/windows';
import { DAY, MIN, during, sliSeries } from '../support/series';

const rule = (name: string): BurnRateRule => BURN_RATE_RULES.find((r) => r.name === name)!;
const thresholds = (w: SloWindow) => BURN_RATE_RULES.map((r) => +burnRateThreshold(r, w).toFixed(4));

describe('burn-rate thresholds scaled to the SLO window', () => {
  it('are the Workbook’s 14.4, 6, 3 and 1 for 30 days, with 5 m, 30 m, 2 h and 6 h short windows', () => {
    expect(thresholds('30d')).toEqual([14.4, 6, 3, 1]);
    expect(BURN_RATE_RULES.map((r) => [r.severity, r.longWindow, r.shortWindow])).toEqual([
      ['page', '1h', '5m'],
      ['page', '6h', '30m'],
      ['ticket', '24h', '2h'],
      ['ticket', '3d', '6h'],
    ]);
  });

  it('mean the same budget share for 28 and 7 days, and never go below 1×', () => {
    expect(thresholds('28d')).toEqual([13.44, 5.6, 2.8, 1]);
    expect(thresholds('7d')).toEqual([3.36, 1.4, 1, 1]);
    for (const w of ['7d', '28d', '30d'] as const) {
      for (const r of BURN_RATE_RULES) {
        const t = burnRateThreshold(r, w);
        const spent = budgetConsumed(t, BURN_WINDOWS[r.longWindow], SLO_WINDOWS[w]);
        // At its threshold a rule has spent its budget share, unless clamped at 1× (then more).
        if (t > 1) expect(spent, `${w} ${r.name}`).toBeCloseTo(r.budgetFraction, 12);
        else expect(spent, `${w} ${r.name}`).toBeGreaterThanOrEqual(r.budgetFraction);
      }
    }
  });
});

describe('multiwindow rules over a series', () => {
  const now = new Date('2026-03-31T12:00:00Z');
  const month = (badRatio: (t: Date) => number, perBucket = 100) =>
    sliSeries({ from: new Date(now.getTime() - 30 * DAY), to: now, stepMs: MIN, perBucket, badRatio });
  const evaluate = (buckets: ReturnType<typeof month>, objective = 0.999, sloWindow: SloWindow = '30d') =>
    evaluateRules({ counts: windowCountsFromBuckets(buckets, now, sloWindow), objective, sloWindow });
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('a total outage in the last 10 minutes fires every rule', () => {
    const result = evaluate(month(during(ago(10 * MIN), now)));
    expect(result.map((r) => [r.rule.name, r.state])).toEqual([
      ['page-1h', 'firing'],
      ['page-6h', 'firing'],
      ['ticket-24h', 'firing'],
      ['ticket-3d', 'firing'],
    ]);
    const page = result[0];
    expect(page.long).toMatchObject({ window: '1h', bad: 1000, total: 6000 });
    expect(page.long.burnRate).toBeCloseTo(1000 / 6000 / 0.001, 6);
    expect(page.short.burnRate).toBeCloseTo(1000, 6);
  });

  it('stop firing once the short window is clean, though the long window still burns', () => {
    // 20 minutes of outage that ended 6 minutes ago.
    const [page1h, page6h] = evaluate(month(during(ago(26 * MIN), ago(6 * MIN))));
    expect(page1h.long.burnRate).toBeGreaterThan(14.4);
    expect(page1h.short.burnRate).toBe(0);
    expect(page1h.state).toBe('ok');
    expect(page6h.state).toBe('firing'); // its short window (30 m) still holds the outage
  });

  it('a burn just under the threshold does not fire, just over it does', () => {
    // 0.5% bad for the last 6 h against 99.9%: 5× (< 6×); 0.7%: 7×.
    expect(evaluate(month((t) => (t >= ago(6 * 60 * MIN) ? 0.005 : 0), 1000))[1].state).toBe('ok');
    expect(evaluate(month((t) => (t >= ago(6 * 60 * MIN) ? 0.007 : 0), 1000))[1].state).toBe('firing');
  });

  it('fire at exactly the threshold (14.4× is 14.399999… in floating point)', () => {
    const counts = windowCountsFromBuckets(
      month((t) => (t >= ago(60 * MIN) ? 0.0144 : 0), 10_000),
      now,
      '30d',
    );
    expect(counts['1h']).toEqual({ good: 591_360, total: 600_000 });
    expect(evaluateRule(rule('page-1h'), { counts, objective: 0.999, sloWindow: '30d' }).state).toBe('firing');
  });

  it('scale with the window: 2% of budget per hour is 3.36× for 7 days, so 4× pages on a 7-day SLO and not on a 30-day one', () => {
    const buckets = month((t) => (t >= ago(60 * MIN) ? 0.004 : 0), 1000);
    expect(evaluate(buckets, 0.999, '7d')[0].state).toBe('firing');
    expect(evaluate(buckets, 0.999, '30d')[0].state).toBe('ok');
  });

  // Ten calls an hour, one every 6 minutes, the last 3 minutes ago.
  it('low traffic: one failure among ten calls an hour is a 100× burn but fires nothing', () => {
    const quiet = sliSeries({
      from: ago(30 * DAY - 3 * MIN),
      to: now,
      stepMs: 6 * MIN,
      perBucket: 1,
      badRatio: (t) => (t >= ago(3 * MIN) ? 1 : 0),
    });
    const result = evaluate(quiet);
    expect(result[0].long).toMatchObject({ bad: 1, total: 10 });
    expect(result[0].long.burnRate).toBeCloseTo(100, 9);
    expect(result.map((r) => r.state)).toEqual(['low_traffic', 'low_traffic', 'low_traffic', 'low_traffic']);
  });

  it('low traffic: five failures in the hour do fire, and the minimum is an option', () => {
    const quiet = sliSeries({
      from: ago(30 * DAY - 3 * MIN),
      to: now,
      stepMs: 6 * MIN,
      perBucket: 1,
      badRatio: (t) => (t >= ago(30 * MIN) ? 1 : 0),
    });
    expect(evaluate(quiet)[0].state).toBe('firing');
    const counts = windowCountsFromBuckets(quiet, now, '30d');
    expect(
      evaluateRule(rule('page-1h'), { counts, objective: 0.999, sloWindow: '30d' }, { minBadEvents: 6 }).state,
    ).toBe('low_traffic');
    const one = windowCountsFromBuckets(
      sliSeries({ from: ago(2 * MIN), to: now, stepMs: MIN, perBucket: 1, badRatio: () => 1 }),
      now,
      '30d',
    );
    expect(
      evaluateRule(rule('page-1h'), { counts: one, objective: 0.999, sloWindow: '30d' }, { minBadEvents: 1 }).state,
    ).toBe('firing');
  });

  it('no data: no calls never burn and never fire', () => {
    const result = evaluate([]);
    expect(result.map((r) => r.state)).toEqual(['no_data', 'no_data', 'no_data', 'no_data']);
    expect(result[0].long.burnRate).toBeNull();
    // Calls an hour ago but none in the last 5 minutes: nothing is burning now.
    const stopped = sliSeries({
      from: ago(60 * MIN),
      to: ago(10 * MIN),
      stepMs: MIN,
      perBucket: 10,
      badRatio: () => 1,
    });
    expect(evaluate(stopped)[0].state).toBe('ok');
  });
});

describe('detection and reset time (Workbook formulas)', () => {
  const page1h = rule('page-1h');
  it('a 100% outage is detected by the 14.4×/1 h rule after 0.0144 h (51.84 s), and 36×/1 h after 2.16 min', () => {
    expect(detectionTimeMs({ rule: page1h, threshold: 14.4, objective: 0.999, errorRatio: 1 })).toBeCloseTo(51_840, 6);
    expect(detectionTimeMs({ rule: page1h, threshold: 36, objective: 0.999, errorRatio: 1 })).toBeCloseTo(
      2.16 * MIN,
      6,
    );
    // 1% errors never reach 14.4 × 0.1%.
    expect(detectionTimeMs({ rule: page1h, threshold: 14.4, objective: 0.999, errorRatio: 0.01 })).toBeNull();
  });

  it('the evaluator fires the 6×/6 h rule at the minute the formula says: 10% errors, 21.6 min', () => {
    const page6h = rule('page-6h');
    expect(detectionTimeMs({ rule: page6h, threshold: 6, objective: 0.999, errorRatio: 0.1 })).toBeCloseTo(
      21.6 * MIN,
      6,
    );
    const start = new Date('2026-03-31T12:00:00Z');
    const buckets = sliSeries({
      from: new Date(start.getTime() - 7 * DAY),
      to: new Date(start.getTime() + 60 * MIN),
      stepMs: MIN,
      perBucket: 100,
      badRatio: (t) => (t >= start ? 0.1 : 0),
    });
    const firstFiringMinute = Array.from({ length: 60 }, (_, m) => m + 1).find((m) => {
      const counts = windowCountsFromBuckets(buckets, new Date(start.getTime() + m * MIN), '30d');
      return evaluateRule(page6h, { counts, objective: 0.999, sloWindow: '30d' }).state === 'firing';
    });
    expect(firstFiringMinute).toBe(22);
  });

  it('resets within the short window: 5 m · (1 − 0.0144) after a 100% outage', () => {
    expect(resetTimeMs({ rule: page1h, threshold: 14.4, objective: 0.999, errorRatio: 1 })).toBeCloseTo(
      5 * MIN * (1 - 0.0144),
      6,
    );
    expect(resetTimeMs({ rule: page1h, threshold: 14.4, objective: 0.999, errorRatio: 0.01 })).toBeNull();
  });
});
