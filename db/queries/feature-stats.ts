// The rollup rows behind a feature's stats (GET /api/v1/features/{key}/stats); lib/stats shapes them.
import { eq, sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { features } from '../schema';
import { HOUR_MS, rollupSource, type MinuteRange } from './rollup-source';

export interface FeatureStatsRow {
  /** Start of the row's minute or hour, ms since the epoch. */
  bucketMs: number;
  route: 'primary' | 'fallback' | 'cache' | 'rule' | 'killed';
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

export async function findFeature(db: Db, key: string): Promise<{ id: number; key: string; name: string | null } | null> {
  const [row] = await db.select({ id: features.id, key: features.key, name: features.name }).from(features).where(eq(features.key, key));
  return row ?? null;
}

/**
 * A feature's rollup rows in one environment over a range, unsummed (models kept apart). Series
 * steps of an hour or more read hourly rows (a step is a whole number of clock hours, so none
 * straddles a step); finer steps read minute rows.
 */
export async function readFeatureRollups(
  db: Db,
  params: { featureId: number; environment: string; range: MinuteRange; stepMs: number },
): Promise<FeatureStatsRow[]> {
  const source = rollupSource(params.range, { minutesOnly: params.stepMs < HOUR_MS });
  const rows = resultRows<FeatureStatsRow>(await db.execute(sql`
    select (extract(epoch from r.bucket_start) * 1000)::float8 as "bucketMs", r.route::text as route,
           r.calls, r.ok_calls as "okCalls", r.error_calls as "errorCalls", r.err_timeout as "errTimeout",
           r.err_rate_limit as "errRateLimit", r.err_server_error as "errServerError", r.err_network as "errNetwork",
           r.err_content_filter as "errContentFilter", r.err_other as "errOther",
           r.input_tokens::float8 as "inputTokens", r.output_tokens::float8 as "outputTokens",
           r.cached_input_tokens::float8 as "cachedInputTokens", r.cost_usd as "costUsd", r.costed_calls as "costedCalls",
           r.scored_calls as "scoredCalls", r.score_sum as "scoreSum", r.latency_hist as "latencyHist", r.ttft_hist as "ttftHist"
    from ${source} r
    where r.feature_id = ${params.featureId} and r.environment = ${params.environment}`));
  return rows.map((r) => ({ ...r, bucketMs: Number(r.bucketMs) }));
}

/** The environments the feature ever had calls in (from the all-time rollups, a few rows), production first. */
export async function listFeatureEnvironments(db: Db, featureId: number): Promise<string[]> {
  const rows = resultRows<{ environment: string }>(await db.execute(sql`
    select environment from call_rollups_total where feature_id = ${featureId}
    group by environment order by (environment = 'production') desc, environment`));
  return rows.map((r) => r.environment);
}
