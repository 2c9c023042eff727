// What GET /api/metrics exposes, read from the database in one place. Counters are totals since
// the first call, so Prometheus `rate()`/`increase()` work on them; they only grow, and they are
// read from the all-time rollup totals, so they keep growing after retention drops raw calls.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '@/db/client';
import { listSwitches } from '@/db/queries/switches';
import type { ReplicaStatus } from '@/lib/replica/replica-lag';
import { readCurrentStatuses } from '@/lib/status/current-status';
import type { FeatureStatus } from '@/lib/status/feature-status';
import { fractionUnder, histogramCount, type Histogram } from '@/lib/rollups/histogram';

export const LATENCY_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

export interface CallTotals {
  feature: string;
  route: string;
  okCalls: number;
  errorCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencySumSeconds: number;
  /** Cumulative: calls with latency ≤ LATENCY_BUCKETS_SECONDS[i] (see callTotals for the precision). */
  latencyBuckets: number[];
}

export interface MetricsSnapshot {
  totals: CallTotals[];
  switches: { feature: string; killed: boolean }[];
  /** Each feature's status now in production (lib/status/current-status.ts). */
  statuses?: { feature: string; status: FeatureStatus }[];
  /** The read replica's state, when there is one (docs/scaling.md). */
  replica?: ReplicaStatus | null;
}

export async function collectMetrics(db: Db): Promise<MetricsSnapshot> {
  const [totals, switches, statuses] = await Promise.all([
    callTotals(db),
    listSwitches(db),
    readCurrentStatuses(db, { now: new Date() }),
  ]);
  return {
    totals,
    switches: switches.map((s) => ({ feature: s.feature, killed: s.killed })),
    statuses: [...statuses]
      .map(([feature, status]) => ({ feature, status }))
      .sort((a, b) => a.feature.localeCompare(b.feature)),
  };
}

type TotalsRow = {
  feature_id: number;
  feature: string;
  route: string;
  ok: string;
  errors: string;
  input: string;
  output: string;
  cost: number;
  latency_ms: string;
};
type BucketRow = { feature_id: number; route: string; i: number; n: string };

/**
 * Totals per feature and route since the beginning: the ONE query behind the counters. It reads
 * call_rollups_total, which ingestion updates in the same transaction as the calls (one row per
 * feature, environment, model and route: a few thousand rows). Summing the hourly rollups instead
 * took 1.7 s at 1 M calls (123,274 hourly rows, unnesting their histograms), more than the
 * raw-call scan it replaced (1.1 s); the totals table answers in milliseconds at any volume.
 *
 * Rollups keep outcomes as counts, so tokens, cost and latency are per feature and route (the
 * exposition sums them per feature anyway). The latency bucket counts come from the rollups' log
 * histogram: exact when no call's latency lies in the ~10 %-wide histogram bucket that holds a
 * bound (e.g. 95–106 ms around 0.1 s); otherwise those calls are split in proportion (log scale)
 * and the count rounded down, so counts stay whole and never decrease.
 */
export async function callTotals(db: Db): Promise<CallTotals[]> {
  const [totals, buckets] = await Promise.all([
    db.execute(sql`
      select r.feature_id, f.key as feature, r.route::text as route, sum(r.ok_calls)::text as ok,
             sum(r.error_calls)::text as errors, sum(r.input_tokens)::text as input, sum(r.output_tokens)::text as output,
             sum(r.cost_usd)::float8 as cost, sum(r.latency_sum_ms)::text as latency_ms
      from call_rollups_total r join features f on f.id = r.feature_id
      group by r.feature_id, f.key, r.route
      order by f.key, r.route`),
    db.execute(sql`
      select r.feature_id, r.route::text as route, (h.i - 1)::int as i, sum(h.n)::text as n
      from call_rollups_total r, unnest(r.latency_hist) with ordinality as h(n, i)
      where h.n > 0
      group by 1, 2, 3`),
  ]);
  const hists = new Map<string, Histogram>();
  for (const b of resultRows<BucketRow>(buckets)) {
    const key = `${b.feature_id}|${b.route}`;
    let hist = hists.get(key);
    if (!hist) hists.set(key, (hist = []));
    hist[b.i] = Number(b.n);
  }
  return resultRows<TotalsRow>(totals).map((r) => {
    const hist = hists.get(`${r.feature_id}|${r.route}`) ?? [];
    for (let i = 0; i < hist.length; i++) hist[i] ??= 0;
    return {
      feature: r.feature,
      route: r.route,
      okCalls: Number(r.ok),
      errorCalls: Number(r.errors),
      inputTokens: Number(r.input),
      outputTokens: Number(r.output),
      costUsd: Number(r.cost),
      latencySumSeconds: Number(r.latency_ms) / 1000,
      latencyBuckets: LATENCY_BUCKETS_SECONDS.map((le) => callsAtMost(hist, le * 1000)),
    };
  });
}

/** Calls with latency ≤ ms (latencies are whole ms: < ms + 1), rounded down. */
function callsAtMost(hist: Histogram, ms: number): number {
  const n = histogramCount(hist);
  return n === 0 ? 0 : Math.floor((fractionUnder(hist, Math.floor(ms) + 1) ?? 0) * n + 1e-9);
}
