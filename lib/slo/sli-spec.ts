// How an SLO's good and total events are counted from rollup rows: which counter is the total,
// and for the histogram SLIs which buckets are good. The SQL (db/queries/sli.ts) sums, per row,
// the buckets wholly on the good side (`full`) and the one bucket holding the threshold (`part`);
// good = full + partShare · part. The share of the threshold's bucket that counts as good is
// interpolated inside it exactly as the dashboards' readers do (fractionUnder, fractionBelow,
// fractionAtLeast: log scale for latency and cost, linear for scores), so it is exact when the
// threshold sits on a bucket bound and off by at most that bucket's calls otherwise.
import { bucketIndex, fractionUnder, type Histogram } from '@/lib/rollups/histogram';
import { COST_SCALE, SCORE_SCALE, fractionCostBelow, fractionScoreAtLeast, storedScore } from '@/lib/rollups/scales';
import type { Slo } from '@/lib/validations/slo';

/**
 * `latency`, `ttft`, `cost`: good below the threshold (buckets 0 … bucket−1 full);
 * `score`: good at or above it (buckets bucket+1 … full); `ok_any` / `ok_primary`: ok calls on
 * any route / on the primary route only (no histogram); `evals`: eval cases, not rollups.
 */
export type SliKind = 'latency' | 'ttft' | 'cost' | 'score' | 'ok_any' | 'ok_primary' | 'evals';

export interface SliSpec {
  kind: SliKind;
  /** 0-based histogram bucket that holds the threshold (0 where unused). */
  bucket: number;
  /** Share of that bucket's calls counted as good. */
  partShare: number;
}

/** A histogram with one call in bucket i: what a reader answers for it is the bucket's good share. */
const oneIn = (i: number): Histogram => Object.assign(new Array<number>(i + 1).fill(0), { [i]: 1 });

export function sliSpec(slo: Slo): SliSpec {
  switch (slo.sli) {
    case 'latency': {
      // Latencies are whole milliseconds, so "at most thresholdMs" is "under thresholdMs + 1".
      const under = slo.thresholdMs + 1;
      const bucket = bucketIndex(Math.ceil(under) - 1);
      return {
        kind: slo.measure === 'ttft' ? 'ttft' : 'latency',
        bucket,
        partShare: fractionUnder(oneIn(bucket), under) ?? 0,
      };
    }
    case 'availability':
      // Calls answered by the kill switch's rule (route `killed`) are good only when any route counts.
      return { kind: slo.countFallbackAsGood ? 'ok_any' : 'ok_primary', bucket: 0, partShare: 0 };
    case 'accuracy': {
      if (slo.source === 'evals') return { kind: 'evals', bucket: 0, partShare: 0 };
      const bucket = bucketIndex(storedScore(slo.minScore ?? 0), SCORE_SCALE.thresholds);
      return { kind: 'score', bucket, partShare: fractionScoreAtLeast(oneIn(bucket), slo.minScore ?? 0) ?? 0 };
    }
    case 'cost': {
      // Costs are continuous: "at most maxCostUsd" and "under maxCostUsd" differ by nothing measurable.
      const bucket = bucketIndex(slo.maxCostUsd, COST_SCALE.thresholds);
      return { kind: 'cost', bucket, partShare: fractionCostBelow(oneIn(bucket), slo.maxCostUsd) ?? 0 };
    }
  }
}

/** Raw sums of one window (or bucket) as the SQL answers them. */
export interface SliSums {
  total: number;
  full: number;
  part: number;
}

export function goodOf(spec: SliSpec, sums: SliSums): { good: number; total: number } {
  return { good: sums.full + spec.partShare * sums.part, total: sums.total };
}
