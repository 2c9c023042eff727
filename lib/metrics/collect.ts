// What GET /api/metrics exposes, read from the database in one place. Counters are totals since
// the first call, so Prometheus `rate()`/`increase()` work on them; they only grow (calls are
// append-only) until retention drops raw calls.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '@/db/client';
import { listSwitches } from '@/db/queries/switches';

/** Upper bounds (seconds) of the latency histogram buckets; +Inf is implied. */
export const LATENCY_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

export interface CallTotals {
  feature: string;
  outcome: string;
  route: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencySumSeconds: number;
  /** Cumulative: calls with latency ≤ LATENCY_BUCKETS_SECONDS[i]. */
  latencyBuckets: number[];
}

export interface MetricsSnapshot {
  totals: CallTotals[];
  switches: { feature: string; killed: boolean }[];
}

export async function collectMetrics(db: Db): Promise<MetricsSnapshot> {
  const [totals, switches] = await Promise.all([callTotals(db), listSwitches(db)]);
  return { totals, switches: switches.map((s) => ({ feature: s.feature, killed: s.killed })) };
}

type TotalsRow = { feature: string; outcome: string; route: string; calls: string; input: string; output: string; cost: number; latency_ms: string; buckets: string[] };

/**
 * Totals per feature, outcome and route since the beginning. The ONE query behind the counters:
 * it scans raw calls for now (a full scan per scrape); point it at the rollup table once that
 * exists (sums of the per-bucket counts, tokens, cost and latency histogram) — nothing else changes.
 */
export async function callTotals(db: Db): Promise<CallTotals[]> {
  const bucketCounts = sql.join(
    LATENCY_BUCKETS_SECONDS.map((le) => sql`count(*) filter (where c.latency_ms <= ${Math.round(le * 1000)}::int)`),
    sql`, `,
  );
  const rows = resultRows<TotalsRow>(
    await db.execute(sql`
      select f.key as feature, c.outcome::text as outcome, c.route::text as route,
             count(*)::text as calls,
             coalesce(sum(c.input_tokens), 0)::text as input,
             coalesce(sum(c.output_tokens), 0)::text as output,
             coalesce(sum(c.cost_usd), 0)::float8 as cost,
             coalesce(sum(c.latency_ms), 0)::text as latency_ms,
             array[${bucketCounts}]::text[] as buckets
      from calls c join features f on f.id = c.feature_id
      group by f.key, c.outcome, c.route
      order by f.key, c.outcome, c.route`),
  );
  return rows.map((r) => ({
    feature: r.feature,
    outcome: r.outcome,
    route: r.route,
    calls: Number(r.calls),
    inputTokens: Number(r.input),
    outputTokens: Number(r.output),
    costUsd: Number(r.cost),
    latencySumSeconds: Number(r.latency_ms) / 1000,
    latencyBuckets: r.buckets.map(Number),
  }));
}
