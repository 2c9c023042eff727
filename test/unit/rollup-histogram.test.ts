import { describe, expect, it } from 'vitest';
import {
  BUCKETS,
  RELATIVE_ERROR,
  THRESHOLDS,
  bucketBounds,
  bucketIndex,
  bucketValue,
  fractionUnder,
  histogramCount,
  histogramOf,
  mergeHistograms,
  quantile,
} from '@/lib/rollups/histogram';
import { exactQuantile, seeded as random } from '../support/sampling';

/** Log-normal-ish latencies in ms, with some zeros and some very long calls. */
function latencies(n: number, seed: number): number[] {
  const rnd = random(seed);
  return Array.from({ length: n }, () => {
    const u = rnd();
    if (u < 0.01) return 0;
    if (u > 0.995) return Math.floor(rnd() * 24 * 3_600_000);
    return Math.round(Math.exp(3 + rnd() * 9));
  });
}

describe('latency histogram', () => {
  it('puts every latency in a bucket whose bounds hold it and whose value is within the stated error', () => {
    expect(RELATIVE_ERROR).toBeCloseTo(0.0488, 3);
    const samples = [0, 1, 2, 3, 9, 10, 11, 99, 100, 101, 955, 1000, 30_000, 86_400_000, ...latencies(2000, 7)];
    for (const ms of samples) {
      const i = bucketIndex(ms);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(BUCKETS);
      const [lo, hi] = bucketBounds(i);
      expect(ms).toBeGreaterThanOrEqual(lo);
      expect(ms).toBeLessThan(hi);
      expect(Math.abs(bucketValue(i) - ms)).toBeLessThanOrEqual(ms * RELATIVE_ERROR + 1e-9);
    }
  });

  it('has thresholds that agree with the bucket bounds (what Postgres width_bucket reads)', () => {
    expect(THRESHOLDS).toHaveLength(BUCKETS - 1);
    THRESHOLDS.forEach((t, k) => {
      expect(bucketIndex(t)).toBeGreaterThanOrEqual(k + 1);
      if (t > 0) expect(bucketIndex(t - 1)).toBeLessThanOrEqual(k);
    });
  });

  it('merges element-wise, whatever the lengths', () => {
    expect(mergeHistograms([1, 2], [0, 0, 3], [])).toEqual([1, 2, 3]);
    const a = latencies(500, 1);
    const b = latencies(700, 2);
    expect(mergeHistograms(histogramOf(a), histogramOf(b))).toEqual(histogramOf([...a, ...b]));
  });

  it('estimates p50/p95/p99 within the stated error of the exact percentile', () => {
    for (const seed of [3, 4, 5, 6]) {
      for (const n of [1, 2, 10, 1000, 20_000]) {
        const values = latencies(n, seed * 31 + n);
        const hist = histogramOf(values);
        expect(histogramCount(hist)).toBe(n);
        const sorted = [...values].sort((x, y) => x - y);
        for (const q of [0, 0.5, 0.95, 0.99, 1]) {
          const exact = exactQuantile(sorted, q);
          expect(Math.abs(quantile(hist, q)! - exact)).toBeLessThanOrEqual(exact * RELATIVE_ERROR + 1e-9);
        }
      }
    }
    expect(quantile([], 0.5)).toBeNull();
  });

  it('estimates the fraction under T ms within the share of the one bucket holding T', () => {
    const values = latencies(10_000, 11);
    const hist = histogramOf(values);
    for (const t of [1, 5, 50, 100, 250, 1000, 2000, 30_000, 100_000]) {
      const exact = values.filter((v) => v < t).length / values.length;
      const slack = (hist[bucketIndex(Math.ceil(t) - 1)] ?? 0) / values.length;
      expect(Math.abs(fractionUnder(hist, t)! - exact)).toBeLessThanOrEqual(slack + 1e-12);
    }
    expect(fractionUnder(hist, 0)).toBe(0);
    expect(fractionUnder(hist, 86_400_001)).toBeGreaterThan(0.999);
    expect(fractionUnder([], 10)).toBeNull();
  });
});
