// Log-spaced latency histogram shared by ingestion, the rollup rebuild (SQL) and the dashboards;
// TTFT uses the same buckets. The quantile and fraction readers take any Scale (cost and score
// have theirs in ./scales.ts).
//
// Bucket 0 holds 0 ms; bucket i ≥ 1 covers [γ^(i-1), γ^i) ms with γ = 1.1, up to bucket 192,
// which ends above the largest latency a call may carry (24 h). A value read back from bucket i is
// its geometric midpoint γ^(i-½), so every estimate is within √γ − 1 ≈ 4.88 % of a true latency
// in that bucket. Latencies are integers, so the bounds are kept as integer thresholds
// (ceil(γ^(i-1))): Postgres' width_bucket over the same array yields the same index as
// bucketIndex here, which keeps the SQL rebuild and the JS ingest path identical by construction.

export const GAMMA = 1.1;
/** Largest relative error of a value read from a bucket (quantiles included). */
export const RELATIVE_ERROR = Math.sqrt(GAMMA) - 1;
export const BUCKETS = 193;

/** THRESHOLDS[i - 1] is the smallest integer latency in bucket i (i = 1 … BUCKETS-1). */
export const THRESHOLDS: readonly number[] = Array.from({ length: BUCKETS - 1 }, (_, i) =>
  Math.ceil(GAMMA ** i - 1e-9),
);

/** A histogram is an array of counts indexed by bucket; trailing empty buckets may be omitted. */
export type Histogram = number[];

/**
 * How a histogram's buckets map to values: latency and TTFT use the log scale here; cost and
 * score have their own (lib/rollups/scales.ts). `thresholds[i - 1]` is the smallest value of
 * bucket i, so Postgres' width_bucket(value, thresholds) and bucketIndex agree.
 */
export interface Scale {
  thresholds: readonly number[];
  /** The value read back from bucket i. */
  value(index: number): number;
  /** Bounds used to interpolate inside bucket i. */
  bounds(index: number): [number, number];
  /** Interpolate inside a bucket on a log scale (else linearly). */
  log: boolean;
}

/** The bucket of a value: how many thresholds are ≤ it (what Postgres' width_bucket answers). */
export function bucketIndex(value: number, thresholds: readonly number[] = THRESHOLDS): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value < thresholds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The value read back from a bucket: its geometric midpoint (0 for bucket 0). */
export function bucketValue(index: number): number {
  return index === 0 ? 0 : GAMMA ** (index - 0.5);
}

/** Lower and upper bound in ms of a bucket (the last bucket is open-ended). */
export function bucketBounds(index: number): [number, number] {
  return index === 0 ? [0, 1] : [GAMMA ** (index - 1), GAMMA ** index];
}

export const LATENCY_SCALE: Scale = { thresholds: THRESHOLDS, value: bucketValue, bounds: bucketBounds, log: true };

/** Counts one value into a histogram of the given scale (latency by default). */
export function addValue(hist: Histogram, value: number, scale: Scale = LATENCY_SCALE): void {
  const i = bucketIndex(value, scale.thresholds);
  while (hist.length <= i) hist.push(0);
  hist[i]++;
}

export function addLatency(hist: Histogram, latencyMs: number): void {
  addValue(hist, latencyMs);
}

export function histogramOf(latencies: Iterable<number>): Histogram {
  const hist: Histogram = [];
  for (const ms of latencies) addLatency(hist, ms);
  return hist;
}

/** Element-wise sum (the SQL function hist_add does the same for stored rows). */
export function mergeHistograms(...hists: Histogram[]): Histogram {
  const out: Histogram = [];
  for (const h of hists) {
    for (let i = 0; i < h.length; i++) out[i] = (out[i] ?? 0) + (h[i] ?? 0);
  }
  for (let i = 0; i < out.length; i++) out[i] ??= 0;
  return out;
}

export function histogramCount(hist: Histogram): number {
  let n = 0;
  for (const c of hist) n += c ?? 0;
  return n;
}

/** The value at 0-based rank r in sorted order, read from its bucket. */
function valueAtRank(hist: Histogram, rank: number, scale: Scale): number {
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i] ?? 0;
    if (rank < seen) return scale.value(i);
  }
  return scale.value(hist.length - 1);
}

/**
 * The q-quantile (0..1) interpolated like Postgres' percentile_cont (between the values at ranks
 * floor and ceil of q·(n−1)), each read from its bucket: within RELATIVE_ERROR of the exact
 * percentile_cont. Null for an empty histogram.
 */
export function quantile(hist: Histogram, q: number, scale: Scale = LATENCY_SCALE): number | null {
  const n = histogramCount(hist);
  if (n === 0) return null;
  const r = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(r);
  const a = valueAtRank(hist, lo, scale);
  if (r === lo) return a;
  return a + (r - lo) * (valueAtRank(hist, lo + 1, scale) - a);
}

/**
 * The share of values below `threshold` on a continuous scale (cost, score): buckets wholly below
 * count fully, the bucket holding the threshold in proportion to where it falls (log or linear, as
 * the scale says). Off by at most that bucket's share; exact at a bucket bound. Latencies are
 * integers: use fractionUnder for them.
 */
export function fractionBelow(hist: Histogram, threshold: number, scale: Scale): number | null {
  const n = histogramCount(hist);
  if (n === 0) return null;
  const t = bucketIndex(threshold, scale.thresholds);
  let below = 0;
  for (let i = 0; i < Math.min(t, hist.length); i++) below += hist[i] ?? 0;
  const inT = hist[t] ?? 0;
  if (inT > 0) {
    const [lo, hi] = scale.bounds(t);
    const share = scale.log ? Math.log(threshold / lo) / Math.log(hi / lo) : (threshold - lo) / (hi - lo);
    below += inT * (Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0);
  }
  return below / n;
}

/** The share of values at or above `threshold` (e.g. scores ≥ 0.7): 1 − fractionBelow. */
export function fractionAtLeast(hist: Histogram, threshold: number, scale: Scale): number | null {
  const below = fractionBelow(hist, threshold, scale);
  return below === null ? null : 1 - below;
}

/**
 * The share of calls faster than `thresholdMs`. Buckets wholly below count fully; the one bucket
 * holding the threshold counts in proportion to where the threshold falls in it (log scale), so
 * the answer is off by at most that bucket's share of calls, and exact at a bucket bound.
 */
export function fractionUnder(hist: Histogram, thresholdMs: number): number | null {
  const n = histogramCount(hist);
  if (n === 0) return null;
  if (thresholdMs <= 0) return 0;
  const t = bucketIndex(Math.ceil(thresholdMs) - 1); // the bucket of the largest integer latency < T
  let below = 0;
  for (let i = 0; i < Math.min(t, hist.length); i++) below += hist[i] ?? 0;
  const inT = hist[t] ?? 0;
  if (inT > 0) {
    const [lo, hi] = bucketBounds(t);
    const share = t === 0 ? 1 : Math.min(1, Math.max(0, Math.log(thresholdMs / lo) / Math.log(hi / lo)));
    below += inT * share;
  }
  return below / n;
}
