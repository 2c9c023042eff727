// The SQL shared by everything that writes rollups: the tables and their columns, how a stored row
// absorbs another (upsert), and how raw calls add up into rollup rows. The aggregator
// (rollup-aggregator.ts) and the rebuild (rollups.ts) both add calls up with rollupRowsOfCalls, so
// a rebuilt row equals the row the aggregator built.
import { sql, type SQL } from 'drizzle-orm';
import { THRESHOLDS } from '@/lib/rollups/histogram';
import { COST_SCALE, SCORE_SCALE } from '@/lib/rollups/scales';
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';
import { arrayLiteral } from '../array-literal';

export const SUMMED = [
  'calls',
  'ok_calls',
  'error_calls',
  'err_timeout',
  'err_rate_limit',
  'err_server_error',
  'err_network',
  'err_content_filter',
  'err_other',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'cost_usd',
  'costed_calls',
  'scored_calls',
  'score_sum',
  'ttft_calls',
  'ttft_sum_ms',
  'latency_sum_ms',
];
export const HISTOGRAMS = ['latency_hist', 'ttft_hist', 'cost_hist', 'score_hist'];
export const VALUES = `${SUMMED.join(', ')}, ${HISTOGRAMS.join(', ')}`;
const KEY = 'feature_id, environment, model, route';

/** The bucketed rollup tables: minute rows and hour rows, alike but for the bucket width. */
export const TABLES = [
  { name: 'call_rollups', width: '1 minute', ms: MINUTE_MS },
  { name: 'call_rollups_hourly', width: '1 hour', ms: HOUR_MS },
] as const;
/** All-time totals: the same columns without bucket_start. */
export const TOTAL = { name: 'call_rollups_total', width: null } as const;
export type RollupTable = (typeof TABLES)[number] | typeof TOTAL;

/** The columns of a table's rows, in the order rollupRowsOfCalls selects them. */
export function columnsOf(table: RollupTable): SQL {
  return sql.raw(`${table.width === null ? '' : 'bucket_start, '}${KEY}, ${VALUES}`);
}

/** `on conflict … do update`: a stored row absorbs the new one (sums added, histograms merged). */
export function addToStored(table: RollupTable): SQL {
  const add = [
    ...SUMMED.map((c) => `${c} = ${table.name}.${c} + excluded.${c}`),
    ...HISTOGRAMS.map((c) => `${c} = hist_add(${table.name}.${c}, excluded.${c})`),
  ].join(', ');
  return sql.raw(
    `on conflict (feature_id, ${table.width === null ? '' : 'bucket_start, '}environment, model, route) do update set ${add}`,
  );
}

/** A dense histogram of one kind from the per-bucket counts (hist_from_sparse of 0002). */
export const histogramOf = (kind: string) =>
  sql`hist_from_sparse(array_agg(idx) filter (where kind = ${kind}), array_agg(n) filter (where kind = ${kind}))`;

/**
 * A query of the rollup rows of `table` for the calls of `source` (calls, or a relation with its
 * columns) that match `where`: one row per bucket and key, columns as columnsOf(table) names them.
 */
export function rollupRowsOfCalls(table: RollupTable, source: SQL, where: SQL): SQL {
  const bucket =
    table.width === null
      ? sql``
      : sql`date_bin(${table.width}::interval, ts, timestamptz '1970-01-01 00:00:00+00') as b, `;
  const group = sql.raw(table.width === null ? 'f, e, m, r' : 'b, f, e, m, r');
  return sql`
    with c as (
      select ${bucket}feature_id as f, environment as e, model as m, route as r, outcome, error_type, input_tokens,
             output_tokens, cached_input_tokens, cost_usd, score, ttft_ms, latency_ms,
             width_bucket(latency_ms, ${arrayLiteral(THRESHOLDS)}::int[]) as hb,
             width_bucket(ttft_ms, ${arrayLiteral(THRESHOLDS)}::int[]) as tb,
             width_bucket(cost_usd, ${arrayLiteral(COST_SCALE.thresholds)}::float8[]) as cb,
             width_bucket(score::float8, ${arrayLiteral(SCORE_SCALE.thresholds)}::float8[]) as sb
      from ${source} where ${where}
    ),
    h as (
      select ${group}, ${histogramOf('l')} as hist, ${histogramOf('t')} as ttft_hist,
             ${histogramOf('c')} as cost_hist, ${histogramOf('s')} as score_hist
      from (
        select ${group}, kind, idx, count(*)::int as n
        from c cross join lateral (values ('l', hb), ('t', tb), ('c', cb), ('s', sb)) as v(kind, idx)
        where idx is not null
        group by ${group}, kind, idx
      ) per_bucket
      group by ${group}
    ),
    t as (
      select ${group}, count(*)::int as n,
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
      from c group by ${group}
    )
    select ${group}, n, ok, er, e1, e2, e3, e4, e5, e6, it, ot, ct, cost, cc, sc, ss, tc, tsum, ls,
           h.hist, h.ttft_hist, h.cost_hist, h.score_hist
    from t join h using (${group})`;
}

/** The columns of calls that rollups count, `score` as below. */
const COUNTED_COLUMNS = [
  'ts',
  'feature_id',
  'environment',
  'model',
  'route',
  'outcome',
  'error_type',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'cost_usd',
  'ttft_ms',
  'latency_ms',
  'ingest_xid',
];

/**
 * The calls as rollups count them: with each call's score as it was before the score changes of
 * transactions from `watermark` on (score_changes; POST /api/v1/scores). The aggregator applies
 * those changes when its watermark passes them, so a call counted now with its latest score would
 * have the change counted twice. The earliest such change's old_score is the score before them.
 */
export function callsForRollups(watermark: string): SQL {
  return sql`(
    select ${sql.raw(COUNTED_COLUMNS.map((c) => `c.${c}`).join(', '))},
           case when first_change.call_id is null then c.score else first_change.old_score end as score
    from calls c left join (
      select distinct on (call_id) call_id, old_score from score_changes
      where ingest_xid >= ${watermark}::bigint order by call_id, id
    ) first_change on first_change.call_id = c.id
  )`;
}

/**
 * Rollup rows of `table` that move scores (`source`: ts, feature_id, environment, model, route,
 * score, sign): +1 for a new score, −1 for the one it replaced; every other column adds nothing.
 */
export function scoreChangeRows(table: RollupTable, source: SQL): SQL {
  const bucket =
    table.width === null
      ? sql``
      : sql`date_bin(${table.width}::interval, ts, timestamptz '1970-01-01 00:00:00+00') as b, `;
  const group = sql.raw(table.width === null ? 'f, e, m, r' : 'b, f, e, m, r');
  const summed = SUMMED.map((c) =>
    c === 'scored_calls' ? 'sum(sign)::int' : c === 'score_sum' ? 'sum(sign * score)' : '0',
  ).join(', ');
  return sql`
    with v as (
      select ${bucket}feature_id as f, environment as e, model as m, route as r, score, sign,
             width_bucket(score::float8, ${arrayLiteral(SCORE_SCALE.thresholds)}::float8[]) as sb
      from ${source}
    ),
    h as (
      select ${group}, hist_from_sparse(array_agg(sb), array_agg(n)) as score_hist
      from (select ${group}, sb, sum(sign)::int as n from v group by ${group}, sb) per_bucket
      group by ${group}
    )
    select ${group}, ${sql.raw(summed)}, '{}'::integer[], '{}'::integer[], '{}'::integer[], h.score_hist
    from v join h using (${group})
    group by ${group}, h.score_hist`;
}
