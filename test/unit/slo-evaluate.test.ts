import { describe, expect, it } from 'vitest';
import { burnDownSeries } from '@/lib/slo/burn-down';
import { windowCountsFromBuckets } from '@/lib/slo/counts';
import { evaluateSlo, sloState, BURNING_BUDGET_LEVEL } from '@/lib/slo/evaluate';
import { featureStatus, statusRank } from '@/lib/status/feature-status';
import { DAY, HOUR, MIN, during, sliSeries } from '../support/series';

const now = new Date('2026-03-31T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const month = (badRatio: (t: Date) => number, perBucket = 100) =>
  sliSeries({ from: ago(30 * DAY), to: now, stepMs: MIN, perBucket, badRatio });
const evaluate = (buckets: ReturnType<typeof month>, objective = 0.999) =>
  evaluateSlo({ objective, window: '30d', counts: windowCountsFromBuckets(buckets, now, '30d') });

describe('evaluateSlo', () => {
  it('a clean month is healthy with its whole budget and zero burn', () => {
    const e = evaluate(month(() => 0));
    expect(e).toMatchObject({ state: 'healthy', compliance: 1, firing: [], timeToExhaustionMs: null });
    expect(e.errorBudget.remaining).toBe(1);
    expect(Object.values(e.burnRates)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(Object.keys(e.burnRates)).toEqual(['5m', '30m', '1h', '2h', '6h', '24h', '3d']);
  });

  it('a page-level burn is breached, with one firing entry per severity', () => {
    const e = evaluate(month(during(ago(10 * MIN), now)));
    expect(e.state).toBe('breached');
    expect(e.firing.map((f) => [f.severity, f.rules])).toEqual([
      ['page', ['page-1h', 'page-6h']],
      ['ticket', ['ticket-24h', 'ticket-3d']],
    ]);
    expect(e.firing[0].burnRate).toBeCloseTo(1000 / 6000 / 0.001, 6);
    // 1,000 bad of an allowed 4,320 (0.1% of 4.32 M): 76.85% left, spent at the 1 h burn rate.
    expect(e.errorBudget.remaining).toBeCloseTo(1 - 1000 / 4320, 9);
    expect(e.timeToExhaustionMs).toBeCloseTo(((1 - 1000 / 4320) * 30 * DAY) / e.burnRates['1h']!, 0);
  });

  it('a ticket-level burn is burning: 0.4% bad for the last day (4×) against 99.9%', () => {
    const e = evaluate(month((t) => (t >= ago(DAY) ? 0.004 : 0), 1000));
    expect(e.firing.map((f) => f.severity)).toEqual(['ticket']);
    expect(e.state).toBe('burning');
  });

  it('a spent budget is breached even with no alert firing now', () => {
    // 0.2% bad from 20 to 10 days ago: 2× for 10 days spends 2/3 of the budget; 0.35% spends more than all of it.
    const old = (ratio: number) => month(during(ago(20 * DAY), ago(10 * DAY), ratio), 1000);
    const twoThirds = evaluate(old(0.002));
    expect(twoThirds.errorBudget.remaining).toBeCloseTo(1 / 3, 9);
    expect(twoThirds).toMatchObject({ state: 'healthy', firing: [] });
    const spent = evaluate(old(0.0035));
    expect(spent.errorBudget.remaining).toBeLessThan(0);
    expect(spent).toMatchObject({ state: 'breached', firing: [], timeToExhaustionMs: 0 });
  });

  it('no calls: no data, never breached', () => {
    const e = evaluate([]);
    expect(e).toMatchObject({ state: 'no_data', compliance: null, firing: [], timeToExhaustionMs: null });
    expect(e.errorBudget.remaining).toBeNull();
    expect(Object.values(e.burnRates).every((r) => r === null)).toBe(true);
  });
});

describe('sloState', () => {
  it('is burning below the budget level and breached at or below zero', () => {
    expect(sloState(BURNING_BUDGET_LEVEL + 0.01, [])).toBe('healthy');
    expect(sloState(BURNING_BUDGET_LEVEL - 0.01, [])).toBe('burning');
    expect(sloState(0, [])).toBe('breached');
    expect(sloState(0.9, [{ severity: 'ticket', rules: ['ticket-3d'], burnRate: 1.2 }])).toBe('burning');
    expect(sloState(0.9, [{ severity: 'page', rules: ['page-1h'], burnRate: 20 }])).toBe('breached');
    expect(sloState(null, [])).toBe('no_data');
  });
});

describe('featureStatus with SLOs', () => {
  it('takes the worst SLO state; the kill switch wins', () => {
    expect(featureStatus({ killed: false, calls: 100, errors: 0, slos: ['healthy', 'breached', 'burning'] })).toBe(
      'breached',
    );
    expect(featureStatus({ killed: false, calls: 100, errors: 0, slos: ['healthy', 'burning'] })).toBe('burning');
    expect(featureStatus({ killed: false, calls: 100, errors: 50, slos: ['healthy'] })).toBe('healthy');
    expect(featureStatus({ killed: true, calls: 100, errors: 0, slos: ['breached'] })).toBe('killed');
  });
  it('without calls and with SLOs lacking data it shows no traffic, never breached', () => {
    expect(featureStatus({ killed: false, calls: 0, errors: 0, slos: ['no_data'] })).toBe('no_traffic');
  });
  it('without SLOs keeps the error-rate rule', () => {
    expect(featureStatus({ killed: false, calls: 100, errors: 5, slos: [] })).toBe('failing');
    expect(featureStatus({ killed: false, calls: 100, errors: 1 })).toBe('degraded');
  });
  it('ranks worst first', () => {
    const order = (['healthy', 'burning', 'killed', 'no_traffic', 'breached', 'degraded', 'failing'] as const)
      .slice()
      .sort((a, b) => statusRank(a) - statusRank(b));
    expect(order).toEqual(['killed', 'breached', 'failing', 'burning', 'degraded', 'healthy', 'no_traffic']);
  });
});

describe('burnDownSeries', () => {
  it('the ideal line falls evenly from 1 to 0 and the actual line ends at the budget remaining', () => {
    const buckets = sliSeries({
      from: ago(7 * DAY),
      to: now,
      stepMs: HOUR,
      perBucket: 1000,
      badRatio: during(ago(4 * DAY), ago(4 * DAY - HOUR)),
    });
    // The hour 4 days ago: 1,000 bad of 168,000 at 99% (1,680 allowed).
    const points = burnDownSeries({ buckets, objective: 0.99, window: '7d', now, stepMs: DAY });
    expect(points).toHaveLength(8);
    expect(points.map((p) => +p.ideal.toFixed(4))).toEqual([1, 0.8571, 0.7143, 0.5714, 0.4286, 0.2857, 0.1429, 0]);
    expect(points[0].at).toBe(ago(7 * DAY).toISOString());
    expect(points[7].at).toBe(now.toISOString());
    const left = 1 - 1000 / 1680;
    expect(points.map((p) => +p.actual!.toFixed(6))).toEqual(
      [1, 1, 1, 1, left, left, left, left].map((v) => +v.toFixed(6)),
    );
    expect(points[7].actual).toBeCloseTo(
      evaluateSlo({ objective: 0.99, window: '7d', counts: windowCountsFromBuckets(buckets, now, '7d') }).errorBudget
        .remaining!,
      12,
    );
  });

  it('a last partial step ends at now; without events the actual line is null', () => {
    const points = burnDownSeries({ buckets: [], objective: 0.999, window: '7d', now, stepMs: 5 * DAY });
    expect(points.map((p) => p.at)).toEqual([ago(7 * DAY), ago(2 * DAY), now].map((d) => d.toISOString()));
    expect(points.every((p) => p.actual === null)).toBe(true);
  });
});
