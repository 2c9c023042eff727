// Rebuilds the call rollups — per minute, per hour and all-time totals (see callRollups,
// callRollupsHourly and callRollupsTotal in db/schema.ts) — from the raw calls: the SQL of
// rebuildRollups (lib/rollups/rebuild.ts). Ingested calls reach them through the aggregator
// (rollup-aggregator.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { callsForRollups, columnsOf, histogramOf, rollupRowsOfCalls, SUMMED, TABLES, VALUES } from './rollup-sql';
import type { callRollups } from '../schema';

export type NewRollup = typeof callRollups.$inferInsert;

/**
 * Inside the rebuild's transaction, once the aggregator has counted every call below `watermark`:
 * recomputes the minute rollups of [from, to) (widened to whole minutes) and the hourly rollups of
 * [from, to) widened to whole hours — everything when unbounded — from the calls the aggregator has
 * counted, then the totals as the sum of all hourly rows. Returns the minute and hour rows written.
 */
export async function rebuildRollupTables(
  tx: Db,
  range: { from?: Date; to?: Date },
  watermark: string,
): Promise<number> {
  let rows = 0;
  for (const table of TABLES) rows += await rebuildTable(tx, table, range, watermark);
  await rebuildTotals(tx);
  return rows;
}

async function rebuildTable(
  tx: Db,
  table: (typeof TABLES)[number],
  range: { from?: Date; to?: Date },
  watermark: string,
): Promise<number> {
  const counted = sql`(ingest_xid is null or ingest_xid < ${watermark}::bigint)`;
  const from = range.from ? new Date(Math.floor(range.from.getTime() / table.ms) * table.ms) : null;
  const to = range.to ? new Date(Math.ceil(range.to.getTime() / table.ms) * table.ms) : null;
  const within = (column: string): SQL =>
    sql.join(
      [
        sql.raw('true'),
        ...(from ? [sql`${sql.raw(column)} >= ${from.toISOString()}::timestamptz`] : []),
        ...(to ? [sql`${sql.raw(column)} < ${to.toISOString()}::timestamptz`] : []),
      ],
      sql` and `,
    );
  await tx.execute(sql`delete from ${sql.raw(table.name)} where ${within('bucket_start')}`);
  const result = await tx.execute(sql`
    insert into ${sql.raw(table.name)} (${columnsOf(table)})
    ${rollupRowsOfCalls(table, sql`${callsForRollups(watermark)} as calls`, sql`${within('ts')} and ${counted}`)}`);
  return (result as { count?: number }).count ?? (result as { affectedRows?: number }).affectedRows ?? 0;
}

/** The totals as the sum of every hourly row (histograms summed bucket by bucket). */
async function rebuildTotals(tx: Db): Promise<void> {
  const buckets = (kind: string, column: string) =>
    sql.raw(`
    select feature_id, environment, model, route, '${kind}' as kind, (u.i - 1)::int as idx, u.n
    from call_rollups_hourly, unnest(${column}) with ordinality as u(n, i) where u.n > 0`);
  const sums = SUMMED.map((c) => `sum(${c})`).join(', ');
  await tx.execute(sql`delete from call_rollups_total`);
  await tx.execute(sql`
    with h as (
      select feature_id, environment, model, route, ${histogramOf('l')} as l, ${histogramOf('t')} as t,
             ${histogramOf('c')} as c, ${histogramOf('s')} as s
      from (
        select feature_id, environment, model, route, kind, idx, sum(n)::int as n
        from (${buckets('l', 'latency_hist')} union all ${buckets('t', 'ttft_hist')} union all
              ${buckets('c', 'cost_hist')} union all ${buckets('s', 'score_hist')}) as b
        group by 1, 2, 3, 4, 5, 6
      ) as per_bucket
      group by 1, 2, 3, 4
    ),
    t as (select feature_id, environment, model, route, ${sql.raw(sums)} from call_rollups_hourly group by 1, 2, 3, 4)
    insert into call_rollups_total (feature_id, environment, model, route, ${sql.raw(VALUES)})
    select t.*, coalesce(h.l, '{}'), coalesce(h.t, '{}'), coalesce(h.c, '{}'), coalesce(h.s, '{}')
    from t left join h using (feature_id, environment, model, route)`);
}
