// Log-spaced latency histogram shared by ingestion, the rollup rebuild (SQL) and the dashboards.
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
export const THRESHOLDS: readonly number[] = Array.from({ length: BUCKETS - 1 }, (_, i) => Math.ceil(GAMMA ** i - 1e-9));

/** A histogram is an array of counts indexed by bucket; trailing empty buckets may be omitted. */
export type Histogram = number[];

/** The bucket of a latency in ms: how many thresholds are ≤ it (what Postgres' width_bucket answers). */
export function bucketIndex(latencyMs: number): number {
  let lo = 0;
  let hi = THRESHOLDS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (latencyMs < THRESHOLDS[mid]) hi = mid;
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

export function addLatency(hist: Histogram, latencyMs: number): void {
  const i = bucketIndex(latencyMs);
  while (hist.length <= i) hist.push(0);
  hist[i]++;
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
  for (const c of hist) n += c;
  return n;
}

/** The value at 0-based rank r in sorted order, read from its bucket. */
function valueAtRank(hist: Histogram, rank: number): number {
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i];
    if (rank < seen) return bucketValue(i);
  }
  return bucketValue(hist.length - 1);
}

/**
 * The q-quantile (0..1) interpolated like Postgres' percentile_cont (between the values at ranks
 * floor and ceil of q·(n−1)), each read from its bucket: within RELATIVE_ERROR of the exact
 * percentile_cont. Null for an empty histogram.
 */
export function quantile(hist: Histogram, q: number): number | null {
  const n = histogramCount(hist);
  if (n === 0) return null;
  const r = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(r);
  const a = valueAtRank(hist, lo);
  if (r === lo) return a;
  return a + (r - lo) * (valueAtRank(hist, lo + 1) - a);
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
  for (let i = 0; i < Math.min(t, hist.length); i++) below += hist[i];
  const inT = hist[t] ?? 0;
  if (inT > 0) {
    const [lo, hi] = bucketBounds(t);
    const share = t === 0 ? 1 : Math.min(1, Math.max(0, Math.log(thresholdMs / lo) / Math.log(hi / lo)));
    below += inT * share;
  }
  return below / n;
}
