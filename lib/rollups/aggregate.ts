// Adds calls up into one rollup row per (feature, minute, environment, model, route), and minute
// rows into hour rows (hourlyRollupsOf) and all-time totals (totalRollupsOf), in JavaScript: for
// bulk loads that bring their rollups along (test/bench/generate-calls.mts, which checks them
// against the SQL that the aggregator and the rebuild use, db/queries/rollup-sql.ts).
import type { NewCall } from '@/db/queries/calls';
import type { NewRollup } from '@/db/queries/rollups';
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';
import { addLatency, addValue, mergeHistograms } from './histogram';
import { COST_SCALE, SCORE_SCALE, storedScore } from './scales';

const ERROR_COLUMN = {
  timeout: 'errTimeout',
  rate_limit: 'errRateLimit',
  server_error: 'errServerError',
  network: 'errNetwork',
  content_filter: 'errContentFilter',
  other: 'errOther',
} as const;

export function minuteOf(ts: Date): Date {
  return new Date(Math.floor(ts.getTime() / MINUTE_MS) * MINUTE_MS);
}

export function hourOf(ts: Date): Date {
  return new Date(Math.floor(ts.getTime() / HOUR_MS) * HOUR_MS);
}

type RollupRow = NewRollup & Required<Pick<NewRollup, 'latencyHist' | 'ttftHist' | 'costHist' | 'scoreHist'>>;

type GroupKey = Pick<NewRollup, 'featureId' | 'environment' | 'model' | 'route'>;

/** The row of (r's feature, environment, model, route) at bucketStart, created empty on first sight. */
function groupOf(groups: Map<string, RollupRow>, r: GroupKey, bucketStart: Date): RollupRow {
  const key = `${r.featureId}\u0000${bucketStart.getTime()}\u0000${r.environment}\u0000${r.model}\u0000${r.route}`;
  let g = groups.get(key);
  if (!g) {
    g = emptyRollup(r.featureId, bucketStart, r.environment, r.model, r.route);
    groups.set(key, g);
  }
  return g;
}

/** Rollup rows for calls (each with its feature id), sorted by key so concurrent upserts lock in one order. */
export function rollupsOf(rows: readonly NewCall[]): NewRollup[] {
  const groups = new Map<string, RollupRow>();
  for (const c of rows) {
    const g = groupOf(groups, c, minuteOf(c.ts));
    g.calls++;
    if (c.outcome === 'error') {
      g.errorCalls++;
      g[ERROR_COLUMN[c.errorType ?? 'other']]++;
    } else g.okCalls++;
    g.inputTokens += c.inputTokens ?? 0;
    g.outputTokens += c.outputTokens ?? 0;
    g.cachedInputTokens += c.cachedInputTokens ?? 0;
    if (c.costUsd !== null && c.costUsd !== undefined) {
      g.costUsd += c.costUsd;
      g.costedCalls++;
      addValue(g.costHist, c.costUsd, COST_SCALE);
    }
    if (c.score !== null && c.score !== undefined) {
      g.scoredCalls++;
      g.scoreSum += c.score;
      addValue(g.scoreHist, storedScore(c.score), SCORE_SCALE);
    }
    if (c.ttftMs !== null && c.ttftMs !== undefined) {
      g.ttftCalls++;
      g.ttftSumMs += c.ttftMs;
      addLatency(g.ttftHist, c.ttftMs);
    }
    g.latencySumMs += c.latencyMs;
    addLatency(g.latencyHist, c.latencyMs);
  }
  return [...groups.values()].sort(compareKeys);
}

/** The counts and sums of a rollup row that add up across rows (histograms aside); the dashboards' merged rows share them. */
export const SUMMED_COUNTS = [
  'calls',
  'okCalls',
  'errorCalls',
  'errTimeout',
  'errRateLimit',
  'errServerError',
  'errNetwork',
  'errContentFilter',
  'errOther',
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'costUsd',
  'costedCalls',
  'scoredCalls',
  'scoreSum',
] as const;
const SUMMED = [...SUMMED_COUNTS, 'ttftCalls', 'ttftSumMs', 'latencySumMs'] as const;
const HISTOGRAMS = ['latencyHist', 'ttftHist', 'costHist', 'scoreHist'] as const;

/** Minute rows (as rollupsOf makes them) summed per clock hour, sorted by key like rollupsOf's. */
export function hourlyRollupsOf(minuteRows: readonly NewRollup[]): NewRollup[] {
  return coarserRollupsOf(minuteRows, hourOf);
}

/** Minute rows summed over all time (bucketStart is the epoch, and not stored), sorted by key. */
export function totalRollupsOf(minuteRows: readonly NewRollup[]): NewRollup[] {
  return coarserRollupsOf(minuteRows, () => EPOCH);
}

const EPOCH = new Date(0);

function coarserRollupsOf(minuteRows: readonly NewRollup[], bucketOf: (minute: Date) => Date): NewRollup[] {
  const groups = new Map<string, RollupRow>();
  for (const m of minuteRows) {
    const g = groupOf(groups, m, bucketOf(m.bucketStart));
    for (const f of SUMMED) g[f] = (g[f] ?? 0) + (m[f] ?? 0);
    for (const f of HISTOGRAMS) g[f] = mergeHistograms(g[f], m[f] ?? []);
  }
  return [...groups.values()].sort(compareKeys);
}

function emptyRollup(
  featureId: number,
  bucketStart: Date,
  environment: string,
  model: string,
  route: NewRollup['route'],
): RollupRow {
  return {
    featureId,
    bucketStart,
    environment,
    model,
    route,
    calls: 0,
    okCalls: 0,
    errorCalls: 0,
    errTimeout: 0,
    errRateLimit: 0,
    errServerError: 0,
    errNetwork: 0,
    errContentFilter: 0,
    errOther: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    costUsd: 0,
    costedCalls: 0,
    scoredCalls: 0,
    scoreSum: 0,
    ttftCalls: 0,
    ttftSumMs: 0,
    latencySumMs: 0,
    latencyHist: [],
    ttftHist: [],
    costHist: [],
    scoreHist: [],
  };
}

const str = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function compareKeys(a: NewRollup, b: NewRollup): number {
  return (
    a.featureId - b.featureId ||
    a.bucketStart.getTime() - b.bucketStart.getTime() ||
    str(a.environment, b.environment) ||
    str(a.model, b.model) ||
    str(a.route, b.route)
  );
}
