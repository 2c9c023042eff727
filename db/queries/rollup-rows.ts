// The rollup rows the dashboards read (the overview, a feature's stats), per feature, bucket and
// route with the models merged: whole hours from the hourly rollups and the partial hours at the
// range's edges from the minute rollups (as ./rollup-source.ts), each bucket from the process's
// bucket cache when it has it (./bucket-cache.ts). In the steady state a read fetches only the
// last few minutes and hours; the rest of a 30-day range is in memory.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { freshAsOf } from '../replica';
import { bucketStarts, coveringRanges, HOUR_BUCKETS, MINUTE_BUCKETS, rollupCache, type BucketCache } from './bucket-cache';
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';
import type { MinuteRange } from './rollup-source';

export type Route = 'primary' | 'fallback' | 'cache' | 'rule' | 'killed';

/** One bucket of one route of a feature (all models). */
export interface RollupRow {
  /** Start of the row's minute or hour, ms since the epoch. */
  bucketMs: number;
  route: Route;
  calls: number;
  okCalls: number;
  errorCalls: number;
  errTimeout: number;
  errRateLimit: number;
  errServerError: number;
  errNetwork: number;
  errContentFilter: number;
  errOther: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costUsd: number;
  costedCalls: number;
  scoredCalls: number;
  scoreSum: number;
  latencyHist: number[];
  ttftHist: number[];
}

const SUMMED = [
  'calls', 'okCalls', 'errorCalls', 'errTimeout', 'errRateLimit', 'errServerError', 'errNetwork', 'errContentFilter',
  'errOther', 'inputTokens', 'outputTokens', 'cachedInputTokens', 'costUsd', 'costedCalls', 'scoredCalls', 'scoreSum',
] as const satisfies readonly (keyof RollupRow)[];

const hourCache = rollupCache<RollupRow[]>('rows-hours', HOUR_BUCKETS);
const minuteCache = rollupCache<RollupRow[]>('rows-minutes', MINUTE_BUCKETS);

const ts = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;
const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;

interface Grain {
  table: 'call_rollups' | 'call_rollups_hourly';
  cache: BucketCache<RollupRow[]>;
  bucketMs: number;
  starts: number[];
}

/**
 * Each feature's rows in one environment over the range (whole minutes), unsorted. With
 * `minutesOnly`, minute rows throughout (for series finer than an hour).
 */
export async function readRollupRows(
  db: Db,
  params: { featureIds: readonly number[]; environment: string; range: MinuteRange; minutesOnly?: boolean },
): Promise<Map<number, RollupRow[]>> {
  const from = params.range.from.getTime();
  const to = params.range.to.getTime();
  const firstHour = ceilTo(from, HOUR_MS);
  const endHour = floorTo(to, HOUR_MS);
  const hourly = !params.minutesOnly && firstHour < endHour;
  const grains: Grain[] = hourly
    ? [
        { table: 'call_rollups_hourly', cache: hourCache, bucketMs: HOUR_MS, starts: bucketStarts(firstHour, endHour, HOUR_MS) },
        { table: 'call_rollups', cache: minuteCache, bucketMs: MINUTE_MS, starts: [...bucketStarts(from, firstHour, MINUTE_MS), ...bucketStarts(endHour, to, MINUTE_MS)] },
      ]
    : [{ table: 'call_rollups', cache: minuteCache, bucketMs: MINUTE_MS, starts: bucketStarts(from, to, MINUTE_MS) }];

  const out = new Map<number, RollupRow[]>(params.featureIds.map((id) => [id, []]));
  await Promise.all(grains.map((grain) => readGrain(db, grain, params.featureIds, params.environment, out)));
  return out;
}

async function readGrain(db: Db, grain: Grain, featureIds: readonly number[], environment: string, out: Map<number, RollupRow[]>): Promise<void> {
  const fresh = freshAsOf(db);
  const looked = featureIds.map((id) => ({ id, generation: grain.cache.generation(id), ...grain.cache.lookup(id, environment, grain.starts) }));
  const reading = looked.filter((f) => f.missing.length > 0);
  const fetched = reading.length ? await fetchRows(db, grain, environment, reading) : new Map<number, Map<number, RollupRow[]>>();
  for (const f of looked) {
    const rows = out.get(f.id)!;
    for (const bucket of f.values) if (bucket) rows.push(...bucket);
    if (f.missing.length === 0) continue;
    const byBucket = fetched.get(f.id);
    // A fetched bucket without rows had no calls: cached as empty, so it is not fetched again.
    const read = f.missing.map((start): [number, RollupRow[]] => [start, byBucket?.get(start) ?? []]);
    for (const [, bucket] of read) rows.push(...bucket);
    grain.cache.store(f.id, environment, read, { generation: f.generation, freshAsOf: fresh });
  }
}

/** Ranges a fetch reads per feature: a few, so the query stays short with hundreds of features. */
const MAX_RANGES_PER_FEATURE = 4;

/** The missing buckets' rows (over a few ranges covering them per feature), merged per bucket and route. */
async function fetchRows(db: Db, grain: Grain, environment: string, features: { id: number; missing: number[] }[]) {
  const ranges = features.flatMap((f) =>
    coveringRanges(f.missing, grain.bucketMs, MAX_RANGES_PER_FEATURE).map(([from, to]) => ({ id: f.id, from, to })),
  );
  const values = sql.join(ranges.map((r) => sql`(${r.id}::int, ${ts(r.from)}, ${ts(r.to)})`), sql`, `);
  const rows = resultRows<RollupRow & { featureId: number }>(await db.execute(sql`
    select r.feature_id as "featureId", (extract(epoch from r.bucket_start) * 1000)::float8 as "bucketMs", r.route::text as route,
           r.calls, r.ok_calls as "okCalls", r.error_calls as "errorCalls", r.err_timeout as "errTimeout",
           r.err_rate_limit as "errRateLimit", r.err_server_error as "errServerError", r.err_network as "errNetwork",
           r.err_content_filter as "errContentFilter", r.err_other as "errOther",
           r.input_tokens::float8 as "inputTokens", r.output_tokens::float8 as "outputTokens",
           r.cached_input_tokens::float8 as "cachedInputTokens", r.cost_usd as "costUsd", r.costed_calls as "costedCalls",
           r.scored_calls as "scoredCalls", r.score_sum as "scoreSum", r.latency_hist as "latencyHist", r.ttft_hist as "ttftHist"
    from ${sql.raw(grain.table)} r join (values ${values}) as f(id, hour_from, hour_to)
      on r.feature_id = f.id and r.bucket_start >= f.hour_from and r.bucket_start < f.hour_to
    where r.environment = ${environment}
      and r.bucket_start >= ${ts(Math.min(...ranges.map((r) => r.from)))} and r.bucket_start < ${ts(Math.max(...ranges.map((r) => r.to)))}`));

  const merged = new Map<number, Map<number, RollupRow[]>>();
  for (const { featureId, ...row } of rows) {
    row.bucketMs = Number(row.bucketMs);
    let buckets = merged.get(featureId);
    if (!buckets) merged.set(featureId, (buckets = new Map()));
    const bucket = buckets.get(row.bucketMs);
    const same = bucket?.find((r) => r.route === row.route);
    if (!bucket) buckets.set(row.bucketMs, [row]);
    else if (!same) bucket.push(row);
    else addInto(same, row);
  }
  return merged;
}

/** Adds another model's row of the same bucket and route. */
function addInto(row: RollupRow, other: RollupRow): void {
  for (const field of SUMMED) row[field] += other[field];
  row.latencyHist = addHistograms(row.latencyHist, other.latencyHist);
  row.ttftHist = addHistograms(row.ttftHist, other.ttftHist);
}

function addHistograms(a: number[], b: number[]): number[] {
  const out = a.length >= b.length ? a.slice() : b.slice();
  const shorter = a.length >= b.length ? b : a;
  for (let i = 0; i < shorter.length; i++) out[i] += shorter[i];
  return out;
}
