// Spend per clock hour from the hourly rollups (the current hour's row holds the calls so far),
// all environments together: a budget counts every dollar a feature spends. Read for cost
// budgets, the month-end forecast and spike detection. Settled hours come from the process's
// bucket cache when it has them (./bucket-cache.ts).
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { freshAsOf } from '../replica';
import type { CostBucket } from '@/lib/budgets/periods';
import { HOUR_MS } from '@/lib/time/units';
import { bucketStarts, HOUR_BUCKETS, rollupCache } from './bucket-cache';

export interface FeatureCosts {
  /** One per hour with spend, oldest first. */
  buckets: CostBucket[];
  /** The hour of the feature's first rollup row ever: the start of its cost history. */
  since: Date | null;
}

const ts = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

const costCache = rollupCache<number>('cost-hours', HOUR_BUCKETS);

export async function readHourlyCosts(db: Db, params: { featureIds: readonly number[]; from: Date; to: Date }): Promise<Map<number, FeatureCosts>> {
  const out = new Map<number, FeatureCosts>();
  if (params.featureIds.length === 0) return out;
  const from = Math.floor(params.from.getTime() / HOUR_MS) * HOUR_MS;
  const to = params.to.getTime();
  const starts = bucketStarts(from, to, HOUR_MS);
  const fresh = freshAsOf(db);
  const features = params.featureIds.map((id) => ({ id, generation: costCache.generation(id), ...costCache.lookup(id, '', starts) }));
  const reading = features.filter((f) => f.missing.length > 0);
  const ids = sql.join(params.featureIds.map((id) => sql`${id}::int`), sql`, `);
  const values = sql.join(reading.map((f) => sql`(${f.id}::int, ${ts(f.missing[0])})`), sql`, `);
  const [hours, firsts] = await Promise.all([
    reading.length === 0
      ? []
      : db.execute(sql`
          select h.feature_id, (extract(epoch from h.bucket_start) * 1000)::float8 as start_ms, sum(h.cost_usd)::float8 as cost
          from call_rollups_hourly h join (values ${values}) as f(id, hour_from) on h.feature_id = f.id and h.bucket_start >= f.hour_from
          where h.bucket_start >= ${ts(Math.min(...reading.map((f) => f.missing[0])))} and h.bucket_start < ${ts(to)}
          group by 1, 2`),
    // One index probe per feature (the primary key leads with feature_id, bucket_start).
    db.execute(sql`
      select f.id as feature_id, (select (extract(epoch from min(h.bucket_start)) * 1000)::float8 from call_rollups_hourly h where h.feature_id = f.id) as first_ms
      from unnest(array[${ids}]) as f(id)`),
  ]);
  const fetched = new Map<number, Map<number, number>>();
  for (const row of resultRows<{ feature_id: number; start_ms: number; cost: number }>(hours)) {
    let costs = fetched.get(row.feature_id);
    if (!costs) fetched.set(row.feature_id, (costs = new Map()));
    costs.set(Number(row.start_ms), Number(row.cost));
  }
  const firstMs = new Map(resultRows<{ feature_id: number; first_ms: number | null }>(firsts).map((r) => [r.feature_id, r.first_ms]));
  for (const f of features) {
    // A fetched hour without a row had no spend: cached as 0 so that it is not fetched again.
    const read = fetched.get(f.id);
    const missing = new Map(f.missing.map((start) => [start, read?.get(start) ?? 0]));
    costCache.store(f.id, '', missing, { generation: f.generation, freshAsOf: fresh });
    const buckets: CostBucket[] = [];
    starts.forEach((start, k) => {
      const costUsd = f.values[k] ?? missing.get(start) ?? 0;
      if (costUsd !== 0) buckets.push({ start: new Date(start), costUsd });
    });
    const first = firstMs.get(f.id);
    out.set(f.id, { buckets, since: first === null || first === undefined ? null : new Date(Number(first)) });
  }
  return out;
}
