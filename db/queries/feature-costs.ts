// Spend per clock hour from the hourly rollups (the current hour's row holds the calls so far),
// all environments together: a budget counts every dollar a feature spends. Read, and cached, by
// lib/rollups/hourly-costs.ts for cost budgets, the month-end forecast and spike detection.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';

export interface HourlyCost {
  featureId: number;
  /** Start of the hour, ms since the epoch. */
  startMs: number;
  costUsd: number;
}

const ts = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

/** Each feature's spend per hour from its own `from` (ms) to `to`: hours with rollup rows only. */
export async function listHourlyCosts(
  db: Db,
  params: { features: readonly { featureId: number; from: number }[]; to: number },
): Promise<HourlyCost[]> {
  const { features, to } = params;
  const values = sql.join(
    features.map((f) => sql`(${f.featureId}::int, ${ts(f.from)})`),
    sql`, `,
  );
  const rows = resultRows<{ feature_id: number; start_ms: number; cost: number }>(
    await db.execute(sql`
    select h.feature_id, (extract(epoch from h.bucket_start) * 1000)::float8 as start_ms, sum(h.cost_usd)::float8 as cost
    from call_rollups_hourly h join (values ${values}) as f(id, hour_from) on h.feature_id = f.id and h.bucket_start >= f.hour_from
    where h.bucket_start >= ${ts(Math.min(...features.map((f) => f.from)))} and h.bucket_start < ${ts(to)}
    group by 1, 2`),
  );
  return rows.map((row) => ({ featureId: row.feature_id, startMs: Number(row.start_ms), costUsd: Number(row.cost) }));
}

/** Feature id → start (ms) of its first hourly rollup row ever (the start of its cost history), null without one. */
export async function readFirstRollupHours(db: Db, featureIds: readonly number[]): Promise<Map<number, number | null>> {
  const ids = sql.join(
    featureIds.map((id) => sql`${id}::int`),
    sql`, `,
  );
  // One index probe per feature (the primary key leads with feature_id, bucket_start).
  const rows = resultRows<{ feature_id: number; first_ms: number | null }>(
    await db.execute(sql`
    select f.id as feature_id, (select (extract(epoch from min(h.bucket_start)) * 1000)::float8 from call_rollups_hourly h where h.feature_id = f.id) as first_ms
    from unnest(array[${ids}]) as f(id)`),
  );
  return new Map(rows.map((r) => [r.feature_id, r.first_ms === null ? null : Number(r.first_ms)]));
}
