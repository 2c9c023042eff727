// A feature's stats over a range, shaped from its rollup rows (./feature-rollups.ts): the
// totals and a series whose step follows the range's length. What the feature page charts.
import { mergeHistograms, quantile, type Histogram } from '@/lib/rollups/histogram';
import { ERROR_TYPES, ROUTES } from '@/lib/validations/call';
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';
import type { FeatureStatsRow } from './feature-rollups';

type ErrorType = (typeof ERROR_TYPES)[number];
type Route = (typeof ROUTES)[number];

/**
 * The series step for a range's length: 1 min up to 1 h (60 points), 15 min up to 24 h (96), 1 h up
 * to 7 d (168), 6 h beyond (120 for 30 d). Steps are aligned to the epoch (UTC), so the first and
 * last points may be partial; their start/end say so.
 */
export function statsStepMs(spanMs: number): number {
  if (spanMs <= HOUR_MS) return MINUTE_MS;
  if (spanMs <= 24 * HOUR_MS) return 15 * MINUTE_MS;
  if (spanMs <= 7 * 24 * HOUR_MS) return HOUR_MS;
  return 6 * HOUR_MS;
}

export interface Stats {
  calls: number;
  okCalls: number;
  errors: number;
  errorsByType: Record<ErrorType, number>;
  /** okCalls / calls, any route counting as success; null without calls. */
  availability: number | null;
  /** Calls that succeeded on the primary route / calls (fallbacks, cache, rules and kills count as bad). */
  primaryAvailability: number | null;
  /** From the merged log histogram: within √1.1 − 1 ≈ 4.9 % of the exact percentile. */
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  /** Over the calls that reported a time to first token. */
  ttftMs: { p50: number | null; p95: number | null };
  tokens: { input: number; output: number; cachedInput: number };
  /** Cost of the calls whose cost is known. */
  costUsd: number;
  costedCalls: number;
  /** costUsd / costedCalls; null when no call has a known cost. */
  costPerCallUsd: number | null;
  /** Calls per route, and each route's share of the calls (null without calls). */
  routes: Record<Route, number>;
  routeShare: Record<Route, number> | null;
  scoredCalls: number;
  meanScore: number | null;
}

export interface StatsPoint extends Stats {
  start: string;
  end: string;
}

export interface FeatureStats {
  feature: string;
  environment: string;
  from: string;
  to: string;
  stepSeconds: number;
  totals: Stats;
  series: StatsPoint[];
}

const ERROR_FIELD = {
  timeout: 'errTimeout',
  rate_limit: 'errRateLimit',
  server_error: 'errServerError',
  network: 'errNetwork',
  content_filter: 'errContentFilter',
  other: 'errOther',
} as const satisfies Record<ErrorType, keyof FeatureStatsRow>;

const countsOf = <K extends string>(keys: readonly K[], value: (k: K) => number) =>
  Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, number>;
const sum = (rows: FeatureStatsRow[], pick: (r: FeatureStatsRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function statsOf(rows: FeatureStatsRow[]): Stats {
  const calls = sum(rows, (r) => r.calls);
  const okCalls = sum(rows, (r) => r.okCalls);
  const costUsd = sum(rows, (r) => r.costUsd);
  const costedCalls = sum(rows, (r) => r.costedCalls);
  const scoredCalls = sum(rows, (r) => r.scoredCalls);
  const routes = countsOf(ROUTES, (route) => sum(rows, (r) => (r.route === route ? r.calls : 0)));
  const latency: Histogram = mergeHistograms(...rows.map((r) => r.latencyHist));
  const ttft: Histogram = mergeHistograms(...rows.map((r) => r.ttftHist));
  return {
    calls,
    okCalls,
    errors: sum(rows, (r) => r.errorCalls),
    errorsByType: countsOf(ERROR_TYPES, (type) => sum(rows, (r) => r[ERROR_FIELD[type]])),
    availability: ratio(okCalls, calls),
    primaryAvailability: ratio(
      sum(rows, (r) => (r.route === 'primary' ? r.okCalls : 0)),
      calls,
    ),
    latencyMs: { p50: quantile(latency, 0.5), p95: quantile(latency, 0.95), p99: quantile(latency, 0.99) },
    ttftMs: { p50: quantile(ttft, 0.5), p95: quantile(ttft, 0.95) },
    tokens: {
      input: sum(rows, (r) => r.inputTokens),
      output: sum(rows, (r) => r.outputTokens),
      cachedInput: sum(rows, (r) => r.cachedInputTokens),
    },
    costUsd,
    costedCalls,
    costPerCallUsd: ratio(costUsd, costedCalls),
    routes,
    routeShare: calls > 0 ? countsOf(ROUTES, (route) => routes[route] / calls) : null,
    scoredCalls,
    meanScore: ratio(
      sum(rows, (r) => r.scoreSum),
      scoredCalls,
    ),
  };
}

/**
 * Totals and series over [from, to) (whole minutes, as the rows were read) with the given step.
 * Every step of the range has a point, zero where no calls were made.
 */
export function shapeFeatureStats(
  rows: FeatureStatsRow[],
  params: { feature: string; environment: string; from: Date; to: Date; stepMs: number },
): FeatureStats {
  const { stepMs } = params;
  const from = params.from.getTime();
  const to = params.to.getTime();
  const first = Math.floor(from / stepMs);
  const last = Math.floor((to - 1) / stepMs);
  const perStep: FeatureStatsRow[][] = Array.from({ length: last - first + 1 }, () => []);
  for (const row of rows) perStep[Math.floor(row.bucketMs / stepMs) - first]?.push(row);
  return {
    feature: params.feature,
    environment: params.environment,
    from: params.from.toISOString(),
    to: params.to.toISOString(),
    stepSeconds: stepMs / 1000,
    totals: statsOf(rows),
    series: perStep.map((stepRows, i) => ({
      start: new Date(Math.max(from, (first + i) * stepMs)).toISOString(),
      end: new Date(Math.min(to, (first + i + 1) * stepMs)).toISOString(),
      ...statsOf(stepRows),
    })),
  };
}
