// Writes and rebuilds the per-minute call rollups (see callRollups in db/schema.ts).
import { sql } from 'drizzle-orm';
import { THRESHOLDS } from '@/lib/rollups/histogram';
import { arrayLiteral, columnLiteral } from '../array-literal';
import type { Db } from '../client';
import type { callRollups } from '../schema';

export type NewRollup = typeof callRollups.$inferInsert;

const SUMMED = [
  'calls', 'ok_calls', 'error_calls', 'err_timeout', 'err_rate_limit', 'err_server_error', 'err_network',
  'err_content_filter', 'err_other', 'input_tokens', 'output_tokens', 'cached_input_tokens', 'cost_usd',
  'costed_calls', 'scored_calls', 'score_sum', 'ttft_calls', 'ttft_sum_ms', 'latency_sum_ms',
];
const ADD_EXCLUDED = sql.raw(
  SUMMED.map((c) => `${c} = call_rollups.${c} + excluded.${c}`).join(', ') +
    ', latency_hist = hist_add(call_rollups.latency_hist, excluded.latency_hist)',
);

/**
 * Adds pre-aggregated rows (one per key, as lib/rollups/aggregate.ts makes them) to the stored
 * rollups in one statement. Histograms travel as a text[] of array literals because unnest
 * would flatten an int[][].
 */
export async function upsertRollups(db: Db, rows: NewRollup[]): Promise<void> {
  if (rows.length === 0) return;
  const col = (pick: (r: NewRollup) => unknown) => columnLiteral(rows, pick);
  await db.execute(sql`
    insert into call_rollups (bucket_start, feature_id, environment, model, route, calls, ok_calls, error_calls,
      err_timeout, err_rate_limit, err_server_error, err_network, err_content_filter, err_other, input_tokens,
      output_tokens, cached_input_tokens, cost_usd, costed_calls, scored_calls, score_sum, ttft_calls, ttft_sum_ms,
      latency_sum_ms, latency_hist)
    select b, f, e, m, r, n, ok, er, e1, e2, e3, e4, e5, e6, it, ot, ct, cost, cc, sc, ss, tc, ts, ls, h::int[]
    from unnest(
      ${col((r) => r.bucketStart)}::timestamptz[], ${col((r) => r.featureId)}::int[], ${col((r) => r.environment)}::text[],
      ${col((r) => r.model)}::text[], ${col((r) => r.route)}::call_route[], ${col((r) => r.calls)}::int[],
      ${col((r) => r.okCalls)}::int[], ${col((r) => r.errorCalls)}::int[], ${col((r) => r.errTimeout)}::int[],
      ${col((r) => r.errRateLimit)}::int[], ${col((r) => r.errServerError)}::int[], ${col((r) => r.errNetwork)}::int[],
      ${col((r) => r.errContentFilter)}::int[], ${col((r) => r.errOther)}::int[], ${col((r) => r.inputTokens)}::int8[],
      ${col((r) => r.outputTokens)}::int8[], ${col((r) => r.cachedInputTokens)}::int8[], ${col((r) => r.costUsd)}::float8[],
      ${col((r) => r.costedCalls)}::int[], ${col((r) => r.scoredCalls)}::int[], ${col((r) => r.scoreSum)}::float8[],
      ${col((r) => r.ttftCalls)}::int[], ${col((r) => r.ttftSumMs)}::int8[], ${col((r) => r.latencySumMs)}::int8[],
      ${col((r) => arrayLiteral(r.latencyHist))}::text[]
    ) as u(b, f, e, m, r, n, ok, er, e1, e2, e3, e4, e5, e6, it, ot, ct, cost, cc, sc, ss, tc, ts, ls, h)
    on conflict (feature_id, bucket_start, environment, model, route) do update set ${ADD_EXCLUDED}`);
}

const MINUTE_MS = 60_000;

/**
 * Recomputes the rollups of the minutes in [from, to) (widened to whole minutes; everything when
 * unbounded) from the raw calls, in one transaction. The table lock makes concurrent ingestion wait
 * for it, so that no batch is counted twice or lost. Rollups of minutes whose raw calls were
 * dropped by retention are deleted too: pass a range that retention has not reached.
 */
export async function rebuildRollups(db: Db, range: { from?: Date; to?: Date } = {}): Promise<{ rows: number }> {
  const from = range.from ? new Date(Math.floor(range.from.getTime() / MINUTE_MS) * MINUTE_MS) : null;
  const to = range.to ? new Date(Math.ceil(range.to.getTime() / MINUTE_MS) * MINUTE_MS) : null;
  const within = (column: string) => sql.join(
    [
      sql.raw('true'),
      ...(from ? [sql`${sql.raw(column)} >= ${from.toISOString()}::timestamptz`] : []),
      ...(to ? [sql`${sql.raw(column)} < ${to.toISOString()}::timestamptz`] : []),
    ],
    sql` and `,
  );
  const thresholds = sql`${arrayLiteral(THRESHOLDS)}::int[]`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table call_rollups in exclusive mode`);
    await tx.execute(sql`delete from call_rollups where ${within('bucket_start')}`);
    const result = await tx.execute(sql`
      with c as (
        select date_bin('1 minute', ts, timestamptz '1970-01-01 00:00:00+00') as b, feature_id as f, environment as e,
               model as m, route as r, outcome, error_type, input_tokens, output_tokens, cached_input_tokens, cost_usd,
               score, ttft_ms, latency_ms, width_bucket(latency_ms, ${thresholds}) as hb
        from calls where ${within('ts')}
      ),
      h as (
        select b, f, e, m, r, hist_from_sparse(array_agg(hb), array_agg(n)) as hist
        from (select b, f, e, m, r, hb, count(*)::int as n from c group by b, f, e, m, r, hb) per_bucket
        group by b, f, e, m, r
      ),
      t as (
        select b, f, e, m, r, count(*)::int as n,
               (count(*) filter (where outcome = 'ok'))::int as ok, (count(*) filter (where outcome = 'error'))::int as er,
               (count(*) filter (where outcome = 'error' and error_type = 'timeout'))::int as e1,
               (count(*) filter (where outcome = 'error' and error_type = 'rate_limit'))::int as e2,
               (count(*) filter (where outcome = 'error' and error_type = 'server_error'))::int as e3,
               (count(*) filter (where outcome = 'error' and error_type = 'network'))::int as e4,
               (count(*) filter (where outcome = 'error' and error_type = 'content_filter'))::int as e5,
               (count(*) filter (where outcome = 'error' and (error_type = 'other' or error_type is null)))::int as e6,
               coalesce(sum(input_tokens), 0) as it, coalesce(sum(output_tokens), 0) as ot,
               coalesce(sum(cached_input_tokens), 0) as ct, coalesce(sum(cost_usd), 0)::float8 as cost,
               count(cost_usd)::int as cc, count(score)::int as sc, coalesce(sum(score::float8), 0) as ss,
               count(ttft_ms)::int as tc, coalesce(sum(ttft_ms), 0) as tsum, sum(latency_ms) as ls
        from c group by b, f, e, m, r
      )
      insert into call_rollups (bucket_start, feature_id, environment, model, route, calls, ok_calls, error_calls,
        err_timeout, err_rate_limit, err_server_error, err_network, err_content_filter, err_other, input_tokens,
        output_tokens, cached_input_tokens, cost_usd, costed_calls, scored_calls, score_sum, ttft_calls, ttft_sum_ms,
        latency_sum_ms, latency_hist)
      select t.b, t.f, t.e, t.m, t.r, n, ok, er, e1, e2, e3, e4, e5, e6, it, ot, ct, cost, cc, sc, ss, tc, tsum, ls, h.hist
      from t join h using (b, f, e, m, r)`);
    return { rows: (result as { count?: number; affectedRows?: number }).count ?? (result as { affectedRows?: number }).affectedRows ?? 0 };
  });
}
