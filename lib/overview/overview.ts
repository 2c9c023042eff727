// The overview: every feature's last 24 hours in one environment, worst first.
// Reads the rollups (hourly rows, minute rows at the edges), never raw calls.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { features, killSwitches } from '../schema';
import { HOUR_MS, minuteRange } from './rollup-source';
import { readRollupRows, type RollupRow } from './rollup-rows';
import { mergeHistograms, quantile } from '@/lib/rollups/histogram';
import { featureStatus, statusRank, type FeatureStatus } from '@/lib/overview/status';
import { evaluateFeatureHealth, type FeatureHealth } from '@/lib/health/feature-health';
import { sloSummaries, spendSummary, type SloSummary, type SpendSummary } from '@/lib/overview/slo-summary';
import type { ReplicaStatus } from '@/lib/health/replica-lag';

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
  /** Environments that have had calls, production first: for the selector. */
  environments: string[];
  features: OverviewFeature[];
}

/** The overview as the API and the page serve it: with the read replica's state (null without one). */
export interface LiveOverview extends Overview {
  replica: ReplicaStatus | null;
}

interface FeatureRow {
  id: number;
  key: string;
  name: string | null;
  killed: boolean | null;
  reason: string | null;
  updated_at_ms: number | null;
}

export async function getOverview(db: Db, params: { now: Date; environment?: string }): Promise<Overview> {
  const environment = params.environment ?? 'production';
  const to = params.now;
  const from = new Date(to.getTime() - OVERVIEW_HOURS * HOUR_MS);
  const window = minuteRange(from, to);
  // The first clock hour of the series' second bucket, minus one hour: bucket i starts there + i hours.
  const seriesStart = Math.ceil(window.to.getTime() / HOUR_MS) * HOUR_MS - OVERVIEW_HOURS * HOUR_MS;

  const featureRows = resultRows<FeatureRow>(await db.execute(sql`
    select f.id, f.key, f.name, ${killSwitches.killed} as killed, ${killSwitches.reason} as reason,
           (extract(epoch from ${killSwitches.updatedAt}) * 1000)::float8 as updated_at_ms
    from ${features} f left join ${killSwitches} on ${killSwitches.featureId} = f.id`));
  // Read from the rollups: the window is taken in whole minutes (a minute counts when it starts
  // in [from, to]), and p95 comes from the merged latency histogram, within RELATIVE_ERROR (about
  // 4.9 %) of the exact percentile.
  const [rollups, envs, health] = await Promise.all([
    readRollupRows(db, { featureIds: featureRows.map((f) => f.id), environment, range: window }),
    db.execute(sql`
      select environment from call_rollups_total
      group by 1 order by (environment = 'production') desc, sum(calls) desc, 1`),
    // SLOs and budgets: the same evaluation the alert evaluator and the health API make.
    evaluateFeatureHealth(db, { now: to }),
  ]);
  const healthById = new Map<number, FeatureHealth>(health.map((h) => [h.feature.id, h]));

  const list = featureRows.map((row): OverviewFeature => {
    const killed = row.killed ?? false;
    const featureHealth = healthById.get(row.id);
    const slos = featureHealth ? sloSummaries(featureHealth, environment) : [];
    const traffic = trafficOf(rollups.get(row.id) ?? [], { from, seriesStart });
    return {
      key: row.key,
      name: row.name,
      status: featureStatus({ killed, calls: traffic.calls, errors: traffic.errors, slos: slos.map((slo) => slo.state) }),
      ...traffic,
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

type Traffic = Pick<OverviewFeature, 'calls' | 'errors' | 'errorRate' | 'p95LatencyMs' | 'costUsd' | 'uncostedCalls' | 'hourly'>;

/** A feature's totals, hourly series and p95 over the window, from its rollup rows. */
function trafficOf(rows: RollupRow[], { from, seriesStart }: { from: Date; seriesStart: number }): Traffic {
  const hourly = emptySeries(from, seriesStart);
  let calls = 0;
  let errors = 0;
  let costUsd = 0;
  let costedCalls = 0;
  for (const row of rows) {
    calls += row.calls;
    errors += row.errorCalls;
    costUsd += row.costUsd;
    costedCalls += row.costedCalls;
    const point = hourly[Math.max(0, Math.min(OVERVIEW_HOURS - 1, Math.floor((row.bucketMs - seriesStart) / HOUR_MS)))];
    point.calls += row.calls;
    point.errors += row.errorCalls;
  }
  const latency = mergeHistograms(...rows.map((r) => r.latencyHist));
  return {
    calls,
    errors,
    errorRate: calls > 0 ? errors / calls : null,
    p95LatencyMs: rows.length ? quantile(latency, 0.95) : null,
    costUsd,
    uncostedCalls: calls - costedCalls,
    hourly,
  };
}

/** 24 buckets with zero counts: an hour without a row truly had no calls. */
function emptySeries(from: Date, seriesStart: number): HourlyPoint[] {
  return Array.from({ length: OVERVIEW_HOURS }, (_, i) => ({
    start: new Date(i === 0 ? from.getTime() : seriesStart + i * HOUR_MS).toISOString(),
    calls: 0,
    errors: 0,
  }));
}
