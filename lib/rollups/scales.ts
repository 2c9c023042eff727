// The histogram scales of cost per call and score, beside the latency scale of ./histogram.ts
// (which TTFT shares). Each keeps its thresholds as the exact doubles that Postgres' width_bucket
// reads in the rollup rebuild, so ingestion (JS) and the rebuild (SQL) bucket every value alike.
import { fractionAtLeast, fractionBelow, quantile, type Histogram, type Scale } from './histogram';

/**
 * Cost per call in USD on a log scale from one micro-dollar: bucket 0 holds [0, $0.000001), bucket
 * i ≥ 1 holds [γ^(i-1), γ^i) µ$ with γ = 1.1, up to bucket 219, open-ended from about $1,056.
 * A value read back is the bucket's geometric midpoint: within √γ − 1 ≈ 4.88 % of any cost of at
 * least $0.000001; costs below that read as 0 (off by less than $0.000001).
 */
const COST_GAMMA = 1.1;
const MICRO_USD = 1e-6;
const COST_BUCKETS = 220;
export const COST_RELATIVE_ERROR = Math.sqrt(COST_GAMMA) - 1;
export const COST_SCALE: Scale = {
  thresholds: Array.from({ length: COST_BUCKETS - 1 }, (_, i) => MICRO_USD * COST_GAMMA ** i),
  value: (i) => (i === 0 ? 0 : MICRO_USD * COST_GAMMA ** (i - 0.5)),
  bounds: (i) => (i === 0 ? [0, MICRO_USD] : [MICRO_USD * COST_GAMMA ** (i - 1), MICRO_USD * COST_GAMMA ** i]),
  log: true,
};

/**
 * Scores 0..1 in linear buckets 0.01 wide: bucket i < 100 holds [i/100, (i+1)/100), bucket 100
 * holds 1. Scores are stored as float4 (`real`), so the bounds are the float4 values of i/100 and
 * a score is bucketed as its float4 value: a score of 0.7 lands in [0.70, 0.71) in JS and SQL
 * alike. A value read back is the bucket's midpoint (within 0.005); a fraction at a multiple of
 * 0.01 is exact.
 */
const SCORE_BUCKETS = 101;
export const SCORE_ABSOLUTE_ERROR = 0.005;
export const SCORE_SCALE: Scale = {
  thresholds: Array.from({ length: SCORE_BUCKETS - 1 }, (_, i) => Math.fround((i + 1) / 100)),
  value: (i) => (i >= SCORE_BUCKETS - 1 ? 1 : (i + 0.5) / 100),
  bounds: (i) => [Math.fround(i / 100), Math.fround((i + 1) / 100)],
  log: false,
};

/** A score as Postgres stores it (float4), which is what both bucketings read. */
export const storedScore = (score: number): number => Math.fround(score);

export const costQuantile = (hist: Histogram, q: number): number | null => quantile(hist, q, COST_SCALE);
/** Share of costed calls cheaper than `usd` ("99 % of calls cost under $0.02"). */
export const fractionCostBelow = (hist: Histogram, usd: number): number | null => fractionBelow(hist, usd, COST_SCALE);

export const scoreQuantile = (hist: Histogram, q: number): number | null => quantile(hist, q, SCORE_SCALE);
/** Share of scored calls scoring at least `score` ("90 % of scored calls score ≥ 0.7"). */
export const fractionScoreAtLeast = (hist: Histogram, score: number): number | null =>
  fractionAtLeast(hist, storedScore(score), SCORE_SCALE);
