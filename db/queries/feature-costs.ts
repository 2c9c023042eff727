// Spend per clock hour from the hourly rollups (the current hour's row holds the calls so far),
// all environments together: a budget counts every dollar a feature spends. Read for cost
// budgets, the month-end forecast and spike detection.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import type { CostBucket } from '@/lib/budgets/periods';

export interface FeatureCosts {
  /** One per hour with spend, oldest first. */
  buckets: CostBucket[];
  /** The hour of the feature's first rollup row ever: the start of its cost history. */
  since: Date | null;
}

export async function readHourlyCosts(db: Db, params: { featureIds: readonly number[]; from: Date; to: Date }): Promise<Map<number, FeatureCosts>> {
  const out = new Map<number, FeatureCosts>(params.featureIds.map((id) => [id, { buckets: [], since: null }]));
  if (params.featureIds.length === 0) return out;
  const ids = sql.join(params.featureIds.map((id) => sql`${id}::int`), sql`, `);
  const [hours, firsts] = await Promise.all([
    db.execute(sql`
      select feature_id, (extract(epoch from bucket_start) * 1000)::float8 as start_ms, sum(cost_usd)::float8 as cost
      from call_rollups_hourly
      where feature_id in (${ids}) and bucket_start >= ${params.from.toISOString()}::timestamptz and bucket_start < ${params.to.toISOString()}::timestamptz
      group by 1, 2 order by 1, 2`),
    // One index probe per feature (the primary key leads with feature_id, bucket_start).
    db.execute(sql`
      select f.id as feature_id, (select (extract(epoch from min(h.bucket_start)) * 1000)::float8 from call_rollups_hourly h where h.feature_id = f.id) as first_ms
      from unnest(array[${ids}]) as f(id)`),
  ]);
  for (const row of resultRows<{ feature_id: number; start_ms: number; cost: number }>(hours)) {
    out.get(row.feature_id)?.buckets.push({ start: new Date(Number(row.start_ms)), costUsd: Number(row.cost) });
  }
  for (const row of resultRows<{ feature_id: number; first_ms: number | null }>(firsts)) {
    const costs = out.get(row.feature_id);
    if (costs && row.first_ms !== null) costs.since = new Date(Number(row.first_ms));
  }
  return out;
}
