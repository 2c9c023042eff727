import { describe, expect, it } from 'vitest';
import type { NewCall } from '@/db/queries/calls';
import { hourOf, hourlyRollupsOf, rollupsOf } from '@/lib/rollups/aggregate';
import { addValue, bucketIndex, histogramOf, quantile, type Histogram } from '@/lib/rollups/histogram';
import {
  COST_RELATIVE_ERROR,
  COST_SCALE,
  SCORE_ABSOLUTE_ERROR,
  SCORE_SCALE,
  costQuantile,
  fractionCostBelow,
  fractionScoreAtLeast,
  scoreQuantile,
  storedScore,
} from '@/lib/rollups/scales';
import { exactQuantile, seeded as random } from '../support/sampling';

const histOf = (values: number[], scale = COST_SCALE): Histogram => {
  const h: Histogram = [];
  for (const v of values) addValue(h, v, scale);
  return h;
};

/** Costs from $0.000001 to ~$5, log-uniform, with some zeros (cache hits). */
function costs(n: number, seed: number): number[] {
  const rnd = random(seed);
  return Array.from({ length: n }, () => (rnd() < 0.05 ? 0 : 1e-6 * Math.exp(rnd() * 15)));
}

describe('cost histogram', () => {
  it('puts every cost in a bucket whose bounds hold it, read back within 4.9 % (0 below $0.000001)', () => {
    expect(COST_RELATIVE_ERROR).toBeCloseTo(0.0488, 3);
    expect(COST_SCALE.thresholds.at(-1)).toBeGreaterThan(1000);
    for (const usd of [0, 5e-7, 1e-6, 0.00125, 0.02, 0.5, 12, 999, ...costs(2000, 3)]) {
      const i = bucketIndex(usd, COST_SCALE.thresholds);
      const [lo, hi] = COST_SCALE.bounds(i);
      expect(usd).toBeGreaterThanOrEqual(lo);
      expect(usd).toBeLessThan(hi);
      const slack = usd < 1e-6 ? 1e-6 : usd * COST_RELATIVE_ERROR + 1e-15;
      expect(Math.abs(COST_SCALE.value(i) - usd)).toBeLessThanOrEqual(slack);
    }
  });

  it('estimates quantiles within the stated error and the share under a budget within one bucket', () => {
    const values = costs(5000, 9);
    const hist = histOf(values);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.99]) {
      const exact = exactQuantile(sorted, q);
      expect(Math.abs(costQuantile(hist, q)! - exact)).toBeLessThanOrEqual(exact * COST_RELATIVE_ERROR + 1e-6);
    }
    for (const usd of [0.0001, 0.02, 0.5]) {
      const exact = values.filter((v) => v < usd).length / values.length;
      const slack = (hist[bucketIndex(usd, COST_SCALE.thresholds)] ?? 0) / values.length;
      expect(Math.abs(fractionCostBelow(hist, usd)! - exact)).toBeLessThanOrEqual(slack + 1e-12);
    }
    expect(fractionCostBelow([], 1)).toBeNull();
  });
});

describe('score histogram', () => {
  it('buckets a score as Postgres stores it (float4), so 0.7 is in [0.70, 0.71)', () => {
    for (let k = 0; k <= 100; k++) expect(bucketIndex(storedScore(k / 100), SCORE_SCALE.thresholds)).toBe(k);
    expect(SCORE_SCALE.value(70)).toBeCloseTo(0.705, 12);
    expect(SCORE_SCALE.value(100)).toBe(1);
  });

  it('answers "share scoring at least T" exactly at multiples of 0.01, quantiles within 0.005', () => {
    const rnd = random(4);
    const scores = Array.from({ length: 3000 }, () => Math.round(rnd() * 1000) / 1000);
    const hist = histOf(scores.map(storedScore), SCORE_SCALE);
    for (const t of [0, 0.5, 0.7, 0.95, 1]) {
      const exact = scores.filter((s) => storedScore(s) >= storedScore(t)).length / scores.length;
      expect(fractionScoreAtLeast(hist, t)).toBeCloseTo(exact, 12);
    }
    const sorted = [...scores].sort((a, b) => a - b);
    for (const q of [0.1, 0.5, 0.9]) {
      expect(Math.abs(scoreQuantile(hist, q)! - exactQuantile(sorted, q))).toBeLessThanOrEqual(
        SCORE_ABSOLUTE_ERROR + 1e-6,
      );
    }
  });
});

describe('hourly rollups', () => {
  it('are the minute rows summed per clock hour: the same as aggregating the calls per hour', () => {
    const rnd = random(5);
    const start = Date.UTC(2026, 0, 1, 10, 0);
    const calls = Array.from({ length: 800 }, (_, n): NewCall => ({
      id: `c${n}`,
      featureId: 1 + Math.floor(rnd() * 2),
      ts: new Date(start + Math.floor(rnd() * 3 * 3_600_000)),
      model: rnd() < 0.5 ? 'a' : 'b',
      route: rnd() < 0.8 ? 'primary' : 'fallback',
      environment: 'production',
      outcome: rnd() < 0.1 ? 'error' : 'ok',
      errorType: null,
      latencyMs: Math.round(Math.exp(rnd() * 10)),
      ttftMs: rnd() < 0.5 ? Math.round(rnd() * 500) : null,
      costUsd: rnd() < 0.7 ? rnd() / 100 : null,
      score: rnd() < 0.3 ? Math.round(rnd() * 100) / 100 : null,
      inputTokens: 10,
      outputTokens: 5,
    }));
    const hourly = hourlyRollupsOf(rollupsOf(calls));
    const direct = rollupsOf(calls.map((c) => ({ ...c, ts: hourOf(c.ts) })));
    expect(hourly.map((r) => ({ ...r, costUsd: 0, scoreSum: 0 }))).toEqual(
      direct.map((r) => ({ ...r, costUsd: 0, scoreSum: 0 })),
    );
    hourly.forEach((r, i) => {
      expect(r.costUsd).toBeCloseTo(direct[i].costUsd!, 10);
      expect(r.scoreSum).toBeCloseTo(direct[i].scoreSum!, 10);
    });
    expect(hourly.reduce((n, r) => n + r.calls!, 0)).toBe(800);
    expect(quantile(hourly[0].latencyHist!, 0.5)).toBe(quantile(direct[0].latencyHist!, 0.5));
    expect(histogramOf([])).toEqual([]);
  });
});
