// Direct SQL over what the app stored: raw call counts and the rollups computed from them.
import type postgres from 'postgres';
import { rollupsCounted } from '../../support/rollup-watermark';

export interface StoredCounts {
  rows: number;
  distinctIds: number;
}

export async function storedCounts(sql: postgres.Sql): Promise<StoredCounts> {
  const [row] = await sql<
    { rows: string; distinct_ids: string }[]
  >`select count(*) as rows, count(distinct id) as distinct_ids from calls`;
  return { rows: Number(row.rows), distinctIds: Number(row.distinct_ids) };
}

export interface RollupCheck {
  table: string;
  /** Buckets (feature × bucket, or feature for the totals) seen in the raw calls or the rollup. */
  buckets: number;
  /** Buckets whose call, error or latency-sum counts differ between the raw calls and the rollup. */
  mismatched: number;
}

const BUCKETED = [
  { table: 'call_rollups', unit: 'minute' },
  { table: 'call_rollups_hourly', unit: 'hour' },
] as const;

/**
 * Compares each rollup table with a direct aggregate of the raw calls: per feature and minute, per
 * feature and hour, and per feature over all time (summed over environment, model and route),
 * once the servers' aggregators have counted every stored call.
 */
export async function checkRollups(sql: postgres.Sql): Promise<RollupCheck[]> {
  await rollupsCounted(sql);
  const checks: RollupCheck[] = [];
  for (const { table, unit } of BUCKETED) {
    const [row] = await sql<{ buckets: string; mismatched: string }[]>`
      with raw as (
        select feature_id, date_trunc(${unit}, ts at time zone 'UTC') at time zone 'UTC' as b,
               count(*) as n, count(*) filter (where outcome = 'error') as e, sum(latency_ms) as l
        from calls group by 1, 2),
      rolled as (
        select feature_id, bucket_start as b, sum(calls) as n, sum(error_calls) as e, sum(latency_sum_ms) as l
        from ${sql(table)} group by 1, 2)
      select count(*) as buckets,
             count(*) filter (where raw.n is distinct from rolled.n or raw.e is distinct from rolled.e or raw.l is distinct from rolled.l) as mismatched
      from raw full join rolled using (feature_id, b)`;
    checks.push({ table, buckets: Number(row.buckets), mismatched: Number(row.mismatched) });
  }
  const [total] = await sql<{ buckets: string; mismatched: string }[]>`
    with raw as (
      select feature_id, count(*) as n, count(*) filter (where outcome = 'error') as e, sum(latency_ms) as l from calls group by 1),
    rolled as (
      select feature_id, sum(calls) as n, sum(error_calls) as e, sum(latency_sum_ms) as l from call_rollups_total group by 1)
    select count(*) as buckets,
           count(*) filter (where raw.n is distinct from rolled.n or raw.e is distinct from rolled.e or raw.l is distinct from rolled.l) as mismatched
    from raw full join rolled using (feature_id)`;
  checks.push({ table: 'call_rollups_total', buckets: Number(total.buckets), mismatched: Number(total.mismatched) });
  return checks;
}
