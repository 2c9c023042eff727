// The rollup rows the dashboards read (the overview, a feature's stats), per feature, bucket and
// route with the models merged: whole hours from the hourly rollups and the partial hours at the
// range's edges from the minute rollups (as db/queries/rollup-source.ts), each bucket from the
// process's bucket cache when it has it (./bucket-cache.ts). In the steady state a read fetches only
// the last few minutes and hours; the rest of a 30-day range is in memory. SQL:
// db/queries/rollup-rows.ts.
import type { Db } from '@/db';
import { listRollupRows, type RollupGrain, type RollupRow } from '@/db/queries/rollup-rows';
import type { MinuteRange } from '@/db/queries/rollup-source';
import { freshAsOf } from '@/db/replica';
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';
import { SUMMED_COUNTS } from './aggregate';
import {
  bucketStarts,
  coveringRanges,
  HOUR_BUCKETS,
  MINUTE_BUCKETS,
  rollupCache,
  type BucketCache,
} from './bucket-cache';

const SUMMED = SUMMED_COUNTS satisfies readonly (keyof RollupRow)[];

const hourCache = rollupCache<RollupRow[]>('rows-hours', HOUR_BUCKETS);
const minuteCache = rollupCache<RollupRow[]>('rows-minutes', MINUTE_BUCKETS);

const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;
const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;

interface Grain {
  grain: RollupGrain;
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
        { grain: 'hour', cache: hourCache, bucketMs: HOUR_MS, starts: bucketStarts(firstHour, endHour, HOUR_MS) },
        {
          grain: 'minute',
          cache: minuteCache,
          bucketMs: MINUTE_MS,
          starts: [...bucketStarts(from, firstHour, MINUTE_MS), ...bucketStarts(endHour, to, MINUTE_MS)],
        },
      ]
    : [{ grain: 'minute', cache: minuteCache, bucketMs: MINUTE_MS, starts: bucketStarts(from, to, MINUTE_MS) }];

  const out = new Map<number, RollupRow[]>(params.featureIds.map((id) => [id, []]));
  await Promise.all(grains.map((grain) => readGrain(db, grain, params.featureIds, params.environment, out)));
  return out;
}

async function readGrain(
  db: Db,
  grain: Grain,
  featureIds: readonly number[],
  environment: string,
  out: Map<number, RollupRow[]>,
): Promise<void> {
  const fresh = freshAsOf(db);
  const looked = featureIds.map((id) => ({
    id,
    generation: grain.cache.generation(id),
    ...grain.cache.lookup(id, environment, grain.starts),
  }));
  const reading = looked.filter((f) => f.missing.length > 0);
  const fetched = reading.length
    ? await fetchRows(db, grain, environment, reading)
    : new Map<number, Map<number, RollupRow[]>>();
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
    coveringRanges(f.missing, grain.bucketMs, MAX_RANGES_PER_FEATURE).map(([from, to]) => ({
      featureId: f.id,
      from,
      to,
    })),
  );
  const rows = await listRollupRows(db, { grain: grain.grain, environment, ranges });

  const merged = new Map<number, Map<number, RollupRow[]>>();
  for (const { featureId, ...row } of rows) {
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
