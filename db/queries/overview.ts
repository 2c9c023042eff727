// The overview: every feature's last 24 hours in one environment, worst first.
// Reads raw calls (an index range scan over the window); a later issue moves this onto rollups.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { calls, features, killSwitches } from '../schema';
import { featureStatus, statusRank, type FeatureStatus } from '@/lib/overview/status';

export const OVERVIEW_HOURS = 24;
const HOUR_MS = 3_600_000;

export interface HourlyPoint {
  /** Start of the hour-long bucket (ISO). Buckets end at the window's end, not on clock hours. */
  start: string;
  calls: number;
  errors: number;
}

export interface OverviewFeature {
  key: string;
  name: string | null;
  status: FeatureStatus;
  calls: number;
  errors: number;
  /** errors / calls; null without traffic. */
  errorRate: number | null;
  p95LatencyMs: number | null;
  costUsd: number;
  /** Calls whose cost is unknown (no matching price): not in costUsd. */
  uncostedCalls: number;
  hourly: HourlyPoint[];
  switch: { killed: boolean; reason: string | null; updatedAt: string | null };
}

export interface Overview {
  environment: string;
  from: string;
  to: string;
  /** Environments with calls in the window, production first: for the selector. */
  environments: string[];
  features: OverviewFeature[];
}

interface TotalsRow {
  id: number;
  key: string;
  name: string | null;
  killed: boolean | null;
  reason: string | null;
  updated_at_ms: number | null;
  calls: number;
  errors: number;
  p95: number | null;
  cost: number;
  uncosted: number;
}

interface HourRow {
  feature_id: number;
  bucket: number;
  calls: number;
  errors: number;
}

export async function getOverview(db: Db, params: { now: Date; environment?: string }): Promise<Overview> {
  const environment = params.environment ?? 'production';
  const to = params.now;
  const from = new Date(to.getTime() - OVERVIEW_HOURS * HOUR_MS);
  const fromTs = sql`${from.toISOString()}::timestamptz`;
  const inWindow = sql`c.ts >= ${fromTs} and c.ts <= ${to.toISOString()}::timestamptz`;

  // Each query reads the window once, grouped by feature, through whichever index the planner
  // prefers: calls arrive in time order, so calls_ts_idx reads the window sequentially, and
  // calls_feature_ts_idx takes over when few features are asked for. (A per-feature lateral join
  // was measured to re-read the whole window once per feature when the planner picks calls_ts_idx.)
  const [totals, hours, envs] = await Promise.all([
    db.execute(sql`
      with t as (
        select c.feature_id,
               count(*)::int as calls,
               (count(*) filter (where c.outcome = 'error'))::int as errors,
               percentile_cont(0.95) within group (order by c.latency_ms)::float8 as p95,
               coalesce(sum(c.cost_usd), 0)::float8 as cost,
               (count(*) filter (where c.cost_usd is null))::int as uncosted
        from ${calls} c
        where ${inWindow} and c.environment = ${environment}
        group by c.feature_id
      )
      select f.id, f.key, f.name, ${killSwitches.killed} as killed, ${killSwitches.reason} as reason,
             (extract(epoch from ${killSwitches.updatedAt}) * 1000)::float8 as updated_at_ms,
             coalesce(t.calls, 0) as calls, coalesce(t.errors, 0) as errors, t.p95,
             coalesce(t.cost, 0) as cost, coalesce(t.uncosted, 0) as uncosted
      from ${features} f
      left join ${killSwitches} on ${killSwitches.featureId} = f.id
      left join t on t.feature_id = f.id`),
    db.execute(sql`
      select c.feature_id,
             least(${OVERVIEW_HOURS - 1}, floor(extract(epoch from (c.ts - ${fromTs})) / 3600))::int as bucket,
             count(*)::int as calls,
             (count(*) filter (where c.outcome = 'error'))::int as errors
      from ${calls} c
      where ${inWindow} and c.environment = ${environment}
      group by 1, 2`),
    db.execute(sql`
      select c.environment, count(*)::int as calls from ${calls} c
      where ${inWindow} group by 1 order by (c.environment = 'production') desc, 2 desc, 1`),
  ]);

  const hourly = new Map<number, HourlyPoint[]>();
  for (const row of resultRows<HourRow>(hours)) {
    let series = hourly.get(row.feature_id);
    if (!series) hourly.set(row.feature_id, (series = emptySeries(from)));
    series[row.bucket].calls = row.calls;
    series[row.bucket].errors = row.errors;
  }

  const list = resultRows<TotalsRow>(totals).map((row): OverviewFeature => {
    const killed = row.killed ?? false;
    return {
      key: row.key,
      name: row.name,
      status: featureStatus({ killed, calls: row.calls, errors: row.errors }),
      calls: row.calls,
      errors: row.errors,
      errorRate: row.calls > 0 ? row.errors / row.calls : null,
      p95LatencyMs: row.p95 === null ? null : Number(row.p95),
      costUsd: Number(row.cost),
      uncostedCalls: row.uncosted,
      hourly: hourly.get(row.id) ?? emptySeries(from),
      switch: {
        killed,
        reason: row.reason,
        updatedAt: row.updated_at_ms === null ? null : new Date(Number(row.updated_at_ms)).toISOString(),
      },
    };
  });
  list.sort(
    (a, b) =>
      statusRank(a.status) - statusRank(b.status) ||
      (b.errorRate ?? -1) - (a.errorRate ?? -1) ||
      a.key.localeCompare(b.key),
  );

  const environments = resultRows<{ environment: string }>(envs).map((r) => r.environment);
  for (const env of new Set([environment, 'production'])) if (!environments.includes(env)) environments.push(env);
  return { environment, from: from.toISOString(), to: to.toISOString(), environments, features: list };
}

/** 24 hour-long buckets with zero counts: an hour without a row truly had no calls. */
function emptySeries(from: Date): HourlyPoint[] {
  return Array.from({ length: OVERVIEW_HOURS }, (_, i) => ({
    start: new Date(from.getTime() + i * HOUR_MS).toISOString(),
    calls: 0,
    errors: 0,
  }));
}
