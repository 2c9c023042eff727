// The overview: every feature's last 24 hours in one environment, worst first.
// Reads the rollups (hourly rows, minute rows at the edges), never raw calls.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { features, killSwitches } from '../schema';
import { HOUR_MS, minuteRange, rollupSource } from './rollup-source';
import { quantile, type Histogram } from '@/lib/rollups/histogram';
import { featureStatus, statusRank, type FeatureStatus } from '@/lib/overview/status';
import { evaluateFeatureHealth, type FeatureHealth } from '@/lib/health/feature-health';
import { sloSummaries, spendSummary, type SloSummary, type SpendSummary } from '@/lib/overview/slo-summary';

export const OVERVIEW_HOURS = 24;

export interface HourlyPoint {
  /**
   * Start of the bucket (ISO). Buckets are clock hours (UTC), so that they read whole hourly
   * rollup rows: the last one is the current, partial hour; the first starts at the window's start
   * and also holds the part of the hour before the second bucket.
   */
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
  /** The feature's SLOs in the overview's environment, worst first. */
  slos: SloSummary[];
  /** Spend today and this month (UTC, all environments) against the cost budgets. */
  spend: SpendSummary;
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
  const window = minuteRange(from, to);
  // The first clock hour of the series' second bucket, minus one hour: bucket i starts there + i hours.
  const seriesStart = new Date(Math.ceil(window.to.getTime() / HOUR_MS) * HOUR_MS - OVERVIEW_HOURS * HOUR_MS);

  // Read from the rollups: the window is taken in whole minutes (a minute counts when it starts
  // in [from, to]), and p95 comes from the merged latency histogram, within RELATIVE_ERROR (about
  // 4.9 %) of the exact percentile.
  const rollups = rollupSource(window);
  const [totals, hours, hists, envs, health] = await Promise.all([
    db.execute(sql`
      with t as (
        select r.feature_id, sum(r.calls)::int as calls, sum(r.error_calls)::int as errors,
               coalesce(sum(r.cost_usd), 0)::float8 as cost, sum(r.calls - r.costed_calls)::int as uncosted
        from ${rollups} r
        where r.environment = ${environment}
        group by r.feature_id
      )
      select f.id, f.key, f.name, ${killSwitches.killed} as killed, ${killSwitches.reason} as reason,
             (extract(epoch from ${killSwitches.updatedAt}) * 1000)::float8 as updated_at_ms,
             coalesce(t.calls, 0) as calls, coalesce(t.errors, 0) as errors,
             coalesce(t.cost, 0) as cost, coalesce(t.uncosted, 0) as uncosted
      from ${features} f
      left join ${killSwitches} on ${killSwitches.featureId} = f.id
      left join t on t.feature_id = f.id`),
    db.execute(sql`
      select r.feature_id,
             greatest(0, least(${OVERVIEW_HOURS - 1}, floor(extract(epoch from (r.bucket_start - ${seriesStart.toISOString()}::timestamptz)) / 3600)))::int as bucket,
             sum(r.calls)::int as calls, sum(r.error_calls)::int as errors
      from ${rollups} r
      where r.environment = ${environment}
      group by 1, 2`),
    db.execute(sql`
      select r.feature_id, (h.i - 1)::int as i, sum(h.n)::int as n
      from ${rollups} r, unnest(r.latency_hist) with ordinality as h(n, i)
      where r.environment = ${environment} and h.n > 0
      group by 1, 2`),
    db.execute(sql`
      select r.environment, sum(r.calls)::int as calls from ${rollups} r
      group by 1 order by (r.environment = 'production') desc, 2 desc, 1`),
    // SLOs and budgets: the same evaluation the alert evaluator and the health API make.
    evaluateFeatureHealth(db, { now: to }),
  ]);
  const healthById = new Map<number, FeatureHealth>(health.map((h) => [h.feature.id, h]));

  const latency = new Map<number, Histogram>();
  for (const row of resultRows<{ feature_id: number; i: number; n: number }>(hists)) {
    let hist = latency.get(row.feature_id);
    if (!hist) latency.set(row.feature_id, (hist = []));
    hist[row.i] = row.n;
  }

  const hourly = new Map<number, HourlyPoint[]>();
  for (const row of resultRows<HourRow>(hours)) {
    let series = hourly.get(row.feature_id);
    if (!series) hourly.set(row.feature_id, (series = emptySeries(from, seriesStart)));
    series[row.bucket].calls = row.calls;
    series[row.bucket].errors = row.errors;
  }

  const list = resultRows<TotalsRow>(totals).map((row): OverviewFeature => {
    const killed = row.killed ?? false;
    const featureHealth = healthById.get(row.id);
    const slos = featureHealth ? sloSummaries(featureHealth, environment) : [];
    return {
      key: row.key,
      name: row.name,
      status: featureStatus({ killed, calls: row.calls, errors: row.errors, slos: slos.map((slo) => slo.state) }),
      calls: row.calls,
      errors: row.errors,
      errorRate: row.calls > 0 ? row.errors / row.calls : null,
      p95LatencyMs: p95Of(latency.get(row.id)),
      costUsd: Number(row.cost),
      uncostedCalls: row.uncosted,
      hourly: hourly.get(row.id) ?? emptySeries(from, seriesStart),
      slos,
      spend: spendSummary(featureHealth),
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

/** 24 buckets with zero counts: an hour without a row truly had no calls. */
function emptySeries(from: Date, seriesStart: Date): HourlyPoint[] {
  return Array.from({ length: OVERVIEW_HOURS }, (_, i) => ({
    start: new Date(i === 0 ? from.getTime() : seriesStart.getTime() + i * HOUR_MS).toISOString(),
    calls: 0,
    errors: 0,
  }));
}

function p95Of(hist: Histogram | undefined): number | null {
  if (!hist) return null;
  for (let i = 0; i < hist.length; i++) hist[i] ??= 0;
  return quantile(hist, 0.95);
}
