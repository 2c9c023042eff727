// The overview: every feature's last 24 hours in one environment, worst first.
// Reads the rollups (hourly rows, minute rows at the edges), never raw calls.
import type { Db } from '@/db/client';
import { listEnvironmentsByCalls, listOverviewFeatures } from '@/db/queries/overview';
import { minuteRange } from '@/db/queries/rollup-source';
import type { RollupRow } from '@/db/queries/rollup-rows';
import { readRollupRows } from '@/lib/rollups/rollup-rows';
import { mergeHistograms, quantile } from '@/lib/rollups/histogram';
import { featureStatus, hasProblem, statusRank, type FeatureStatus } from '@/lib/status/feature-status';
import { evaluateFeatureHealth, type FeatureHealth } from '@/lib/status/feature-health';
import { sloSummaries, spendSummary, type SloSummary, type SpendSummary } from '@/lib/overview/slo-summary';
import type { ReplicaStatus } from '@/lib/replica/replica-lag';
import { HOUR_MS } from '@/lib/time/units';

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
  /**
   * Calls and errors per hour; null when not asked for (by default only features with a problem
   * carry theirs, so that the payload does not grow with every healthy feature: `hourly: 'all'`).
   */
  hourly: HourlyPoint[] | null;
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

/** Which features carry their hourly series: those with a problem (the default), all, or none. */
export type HourlySeries = 'problems' | 'all' | 'none';

export interface OverviewParams {
  now: Date;
  environment?: string;
  /** Only these features (unknown keys are left out); every feature when absent. */
  featureKeys?: readonly string[];
  hourly?: HourlySeries;
}

export async function getOverview(db: Db, params: OverviewParams): Promise<Overview> {
  const environment = params.environment ?? 'production';
  const hourlyFor = params.hourly ?? 'problems';
  const keys = params.featureKeys;
  const to = params.now;
  const from = new Date(to.getTime() - OVERVIEW_HOURS * HOUR_MS);
  const window = minuteRange(from, to);
  // The first clock hour of the series' second bucket, minus one hour: bucket i starts there + i hours.
  const seriesStart = Math.ceil(window.to.getTime() / HOUR_MS) * HOUR_MS - OVERVIEW_HOURS * HOUR_MS;

  const featureRows = await listOverviewFeatures(db, keys);
  // Read from the rollups: the window is taken in whole minutes (a minute counts when it starts
  // in [from, to]), and p95 comes from the merged latency histogram, within RELATIVE_ERROR (about
  // 4.9 %) of the exact percentile.
  const [rollups, environments, health] = await Promise.all([
    readRollupRows(db, { featureIds: featureRows.map((f) => f.id), environment, range: window }),
    listEnvironmentsByCalls(db),
    // SLOs and budgets: the same evaluation the alert evaluator and the health API make.
    evaluateFeatureHealth(db, { now: to, featureKeys: keys }),
  ]);
  const healthById = new Map<number, FeatureHealth>(health.map((h) => [h.feature.id, h]));
  const starts = seriesStarts(from, seriesStart);

  const list = featureRows.map((row): OverviewFeature => {
    const killed = row.killed ?? false;
    const featureHealth = healthById.get(row.id);
    const slos = featureHealth ? sloSummaries(featureHealth, environment) : [];
    // An hour without a row truly had no calls: the series starts at zero counts.
    const traffic = trafficOf(rollups.get(row.id) ?? [], { seriesStart, starts });
    const status = featureStatus({
      killed,
      calls: traffic.calls,
      errors: traffic.errors,
      slos: slos.map((slo) => slo.state),
    });
    const withHourly = hourlyFor === 'all' || (hourlyFor === 'problems' && hasProblem(status));
    return {
      key: row.key,
      name: row.name,
      status,
      ...traffic,
      hourly: withHourly ? traffic.hourly : null,
      slos,
      spend: roundSpend(spendSummary(featureHealth)),
      switch: {
        killed,
        reason: row.reason,
        updatedAt: row.updatedAtMs === null ? null : new Date(row.updatedAtMs).toISOString(),
      },
    };
  });
  list.sort(
    (a, b) =>
      statusRank(a.status) - statusRank(b.status) ||
      (b.errorRate ?? -1) - (a.errorRate ?? -1) ||
      a.key.localeCompare(b.key),
  );

  for (const env of new Set([environment, 'production'])) if (!environments.includes(env)) environments.push(env);
  return { environment, from: from.toISOString(), to: to.toISOString(), environments, features: list };
}

type Traffic = Pick<
  OverviewFeature,
  'calls' | 'errors' | 'errorRate' | 'p95LatencyMs' | 'costUsd' | 'uncostedCalls'
> & { hourly: HourlyPoint[] };

/** A feature's totals, hourly series and p95 over the window, from its rollup rows. */
function trafficOf(
  rows: RollupRow[],
  { seriesStart, starts }: { seriesStart: number; starts: readonly string[] },
): Traffic {
  const hourly = starts.map((start) => ({ start, calls: 0, errors: 0 }));
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
  const p95 = rows.length ? quantile(latency, 0.95) : null;
  return {
    calls,
    errors,
    errorRate: calls > 0 ? errors / calls : null,
    p95LatencyMs: p95 === null ? null : roundTo(p95, 1),
    costUsd: roundTo(costUsd, USD_DIGITS),
    uncostedCalls: calls - costedCalls,
    hourly,
  };
}

/**
 * Figures are sent to 10 decimal places of a dollar and a tenth of a millisecond: the float noise
 * of summing (0.0048000000000000004) costs bytes on every feature and says nothing.
 */
const USD_DIGITS = 10;
const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const roundSpend = (spend: SpendSummary): SpendSummary => ({
  ...spend,
  todayUsd: roundTo(spend.todayUsd, USD_DIGITS),
  monthUsd: roundTo(spend.monthUsd, USD_DIGITS),
});

/** The starts of the 24 buckets (ISO), made once per overview: every feature's series shares them. */
function seriesStarts(from: Date, seriesStart: number): string[] {
  return Array.from({ length: OVERVIEW_HOURS }, (_, i) =>
    new Date(i === 0 ? from.getTime() : seriesStart + i * HOUR_MS).toISOString(),
  );
}
