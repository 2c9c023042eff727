// Rollup rows of a few time ranges per feature in one environment, one per bucket, route and
// model: what lib/rollups/rollup-rows.ts merges per route and caches for the dashboards.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';

export type Route = 'primary' | 'fallback' | 'cache' | 'rule' | 'killed';

/** One bucket of one route of a feature (all models, once merged). */
export interface RollupRow {
  /** Start of the row's minute or hour, ms since the epoch. */
  bucketMs: number;
  route: Route;
  calls: number;
  okCalls: number;
  errorCalls: number;
  errTimeout: number;
  errRateLimit: number;
  errServerError: number;
  errNetwork: number;
  errContentFilter: number;
  errOther: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costUsd: number;
  costedCalls: number;
  scoredCalls: number;
  scoreSum: number;
  latencyHist: number[];
  ttftHist: number[];
}

/** The minute rollups (call_rollups) or the hourly ones (call_rollups_hourly). */
export type RollupGrain = 'minute' | 'hour';

const TABLES: Record<RollupGrain, string> = { minute: 'call_rollups', hour: 'call_rollups_hourly' };

/** A feature's buckets that start in [from, to) (ms). */
export interface FeatureRange {
  featureId: number;
  from: number;
  to: number;
}

const ts = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

/** The rows of these ranges (one per bucket, route and model), unsorted. */
export async function listRollupRows(
  db: Db,
  params: { grain: RollupGrain; environment: string; ranges: readonly FeatureRange[] },
): Promise<(RollupRow & { featureId: number })[]> {
  const { ranges } = params;
  const values = sql.join(
    ranges.map((r) => sql`(${r.featureId}::int, ${ts(r.from)}, ${ts(r.to)})`),
    sql`, `,
  );
  const rows = resultRows<RollupRow & { featureId: number }>(
    await db.execute(sql`
    select r.feature_id as "featureId", (extract(epoch from r.bucket_start) * 1000)::float8 as "bucketMs", r.route::text as route,
           r.calls, r.ok_calls as "okCalls", r.error_calls as "errorCalls", r.err_timeout as "errTimeout",
           r.err_rate_limit as "errRateLimit", r.err_server_error as "errServerError", r.err_network as "errNetwork",
           r.err_content_filter as "errContentFilter", r.err_other as "errOther",
           r.input_tokens::float8 as "inputTokens", r.output_tokens::float8 as "outputTokens",
           r.cached_input_tokens::float8 as "cachedInputTokens", r.cost_usd as "costUsd", r.costed_calls as "costedCalls",
           r.scored_calls as "scoredCalls", r.score_sum as "scoreSum", r.latency_hist as "latencyHist", r.ttft_hist as "ttftHist"
    from ${sql.raw(TABLES[params.grain])} r join (values ${values}) as f(id, hour_from, hour_to)
      on r.feature_id = f.id and r.bucket_start >= f.hour_from and r.bucket_start < f.hour_to
    where r.environment = ${params.environment}
      and r.bucket_start >= ${ts(Math.min(...ranges.map((r) => r.from)))} and r.bucket_start < ${ts(Math.max(...ranges.map((r) => r.to)))}`),
  );
  for (const row of rows) row.bucketMs = Number(row.bucketMs);
  return rows;
}
