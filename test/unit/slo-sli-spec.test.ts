// How rollup histograms become good/total events (lib/slo/sli-spec.ts): the SQL sums the buckets
// wholly good and the threshold's bucket; good = full + partShare · part must equal what the
// dashboards' fraction readers say of the same histogram.
import { describe, expect, it } from 'vitest';
import { addValue, fractionUnder, type Histogram } from '@/lib/rollups/histogram';
import { COST_SCALE, SCORE_SCALE, fractionCostBelow, storedScore } from '@/lib/rollups/scales';
import { goodOf, sliSpec, type SliSpec } from '@/lib/slo/sli-spec';
import type { Slo } from '@/lib/validations/slo';

const common = { objective: 0.99, window: '30d', environment: 'production' } as const;

/** What the SQL sums for one histogram: buckets below the threshold's (or above, for scores) and the threshold's own. */
function sums(spec: SliSpec, hist: Histogram) {
  const total = hist.reduce((a, b) => a + (b ?? 0), 0);
  const full =
    spec.kind === 'score'
      ? hist.slice(spec.bucket + 1).reduce((a, b) => a + b, 0)
      : hist.slice(0, spec.bucket).reduce((a, b) => a + b, 0);
  return { total, full, part: hist[spec.bucket] ?? 0 };
}

function histOf(values: number[], scale?: Parameters<typeof addValue>[2]): Histogram {
  const hist: Histogram = [];
  for (const v of values) addValue(hist, v, scale);
  return hist.map((n) => n ?? 0);
}

describe('sliSpec', () => {
  it('latency: good is what fractionUnder says of "at most thresholdMs", including the interpolated bucket', () => {
    const slo: Slo = { ...common, name: 'fast', sli: 'latency', measure: 'total', thresholdMs: 1000 };
    const spec = sliSpec(slo);
    expect(spec.kind).toBe('latency');
    const hist = histOf([5, 200, 950, 990, 1000, 1010, 1050, 4000, 30_000]);
    const { good, total } = goodOf(spec, sums(spec, hist));
    expect(total).toBe(9);
    expect(good).toBeCloseTo(fractionUnder(hist, 1001)! * 9, 9);
    // The calls far from the threshold are counted exactly.
    expect(good).toBeGreaterThanOrEqual(3);
    expect(good).toBeLessThanOrEqual(7);
  });

  it('latency on time to first token reads the TTFT histogram', () => {
    expect(sliSpec({ ...common, name: 'first-token', sli: 'latency', measure: 'ttft', thresholdMs: 500 }).kind).toBe(
      'ttft',
    );
  });

  it('scores: good at or above minScore, exact at a multiple of 0.01', () => {
    const spec = sliSpec({ ...common, name: 'good', sli: 'accuracy', source: 'scores', minScore: 0.7 });
    expect(spec).toEqual({ kind: 'score', bucket: 70, partShare: 1 });
    const hist = histOf([0.1, 0.69, 0.699, 0.7, 0.705, 0.9, 1].map(storedScore), SCORE_SCALE);
    expect(goodOf(spec, sums(spec, hist))).toEqual({ good: 4, total: 7 });
  });

  it('cost: good under maxCostUsd, as fractionCostBelow reads it', () => {
    const spec = sliSpec({ ...common, name: 'cheap', sli: 'cost', maxCostUsd: 0.02 });
    const hist = histOf([0.001, 0.005, 0.0199, 0.0201, 0.5], COST_SCALE);
    const { good, total } = goodOf(spec, sums(spec, hist));
    expect(total).toBe(5);
    expect(good).toBeCloseTo(fractionCostBelow(hist, 0.02)! * 5, 9);
    expect(good).toBeGreaterThanOrEqual(2);
    expect(good).toBeLessThanOrEqual(4);
  });

  it('availability counts ok calls on any route, or on the primary route only', () => {
    expect(sliSpec({ ...common, name: 'up', sli: 'availability', countFallbackAsGood: true }).kind).toBe('ok_any');
    expect(sliSpec({ ...common, name: 'up', sli: 'availability', countFallbackAsGood: false }).kind).toBe('ok_primary');
  });

  it('accuracy from evals counts eval cases', () => {
    const spec = sliSpec({ ...common, name: 'correct', sli: 'accuracy', source: 'evals' });
    expect(spec.kind).toBe('evals');
    expect(goodOf(spec, { total: 40, full: 37, part: 0 })).toEqual({ good: 37, total: 40 });
  });
});
