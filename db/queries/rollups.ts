// Writes and rebuilds the call rollups: per minute, per hour and all-time totals (see callRollups,
// callRollupsHourly and callRollupsTotal in db/schema.ts).
import { sql, type SQL } from 'drizzle-orm';
import { hourlyRollupsOf, totalRollupsOf } from '@/lib/rollups/aggregate';
import { THRESHOLDS } from '@/lib/rollups/histogram';
import { COST_SCALE, SCORE_SCALE } from '@/lib/rollups/scales';
import { arrayLiteral, columnLiteral } from '../array-literal';
import type { Db } from '../client';
import { clearRollupCaches, invalidateRollupCaches, lateRollupChanges, ROLLUP_CHANNEL } from './bucket-cache';
import type { callRollups } from '../schema';

export type NewRollup = typeof callRollups.$inferInsert;

const SUMMED = [
  'calls', 'ok_calls', 'error_calls', 'err_timeout', 'err_rate_limit', 'err_server_error', 'err_network',
  'err_content_filter', 'err_other', 'input_tokens', 'output_tokens', 'cached_input_tokens', 'cost_usd',
  'costed_calls', 'scored_calls', 'score_sum', 'ttft_calls', 'ttft_sum_ms', 'latency_sum_ms',
];
const HISTOGRAMS = ['latency_hist', 'ttft_hist', 'cost_hist', 'score_hist'];
const VALUES = `${SUMMED.join(', ')}, ${HISTOGRAMS.join(', ')}`;
const COLUMNS = sql.raw(`bucket_start, feature_id, environment, model, route, ${VALUES}`);

/** The bucketed rollup tables: minute rows and hour rows, alike but for the bucket width. */
const TABLES = [
  { name: 'call_rollups', width: '1 minute', ms: 60_000 },
  { name: 'call_rollups_hourly', width: '1 hour', ms: 3_600_000 },
] as const;
/** All-time totals: the same columns without bucket_start. */
const TOTAL = { name: 'call_rollups_total', width: null } as const;
type RollupTable = (typeof TABLES)[number] | typeof TOTAL;

const addExcluded = (table: string) => sql.raw(
  [...SUMMED.map((c) => `${c} = ${table}.${c} + excluded.${c}`), ...HISTOGRAMS.map((c) => `${c} = hist_add(${table}.${c}, excluded.${c})`)].join(', '),
);

/**
 * Adds pre-aggregated minute rows (one per key, as lib/rollups/aggregate.ts rollupsOf makes them)
 * to the stored minute rollups, and the same calls summed per hour and over all time to the
 * hourly rollups and the totals: three statements, inside the caller's transaction, so all three
 * tables always count the same calls.
 */
export async function upsertRollups(db: Db, minuteRows: NewRollup[]): Promise<RollupChanges> {
  const changes = rollupChangesOf(minuteRows);
  if (minuteRows.length === 0) return changes;
  invalidateRollupCaches(changes);
  await upsertInto(db, TABLES[0], minuteRows);
  await upsertInto(db, TABLES[1], hourlyRollupsOf(minuteRows));
  await upsertInto(db, TOTAL, totalRollupsOf(minuteRows));
  // Late calls change buckets other processes may have cached: tell them (sent at commit).
  const late = lateRollupChanges(changes);
  if (late.size) await db.execute(sql`select pg_notify(${ROLLUP_CHANNEL}, ${JSON.stringify(Object.fromEntries(late))})`);
  return changes;
}

/** Feature id → start of the earliest bucket written: what the caller hands to invalidateRollupCaches after its commit. */
export type RollupChanges = Map<number, number>;

function rollupChangesOf(rows: NewRollup[]): RollupChanges {
  const changes: RollupChanges = new Map();
  for (const row of rows) {
    const ms = row.bucketStart.getTime();
    if (!(changes.get(row.featureId)! <= ms)) changes.set(row.featureId, ms);
  }
  return changes;
}

/** One statement; histograms travel as a text[] of array literals because unnest would flatten an int[][]. */
async function upsertInto(db: Db, table: RollupTable, rows: NewRollup[]): Promise<void> {
  const col = (pick: (r: NewRollup) => unknown) => columnLiteral(rows, pick);
  const hist = (pick: (r: NewRollup) => number[] | undefined) => col((r) => arrayLiteral(pick(r) ?? []));
  const bucketed = table.width !== null;
  await db.execute(sql`
    insert into ${sql.raw(table.name)} (${bucketed ? COLUMNS : sql.raw(`feature_id, environment, model, route, ${VALUES}`)})
    select ${sql.raw(bucketed ? 'b, ' : '')}f, e, m, r, n, ok, er, e1, e2, e3, e4, e5, e6, it, ot, ct, cost, cc, sc, ss, tc, ts, ls,
           h::int[], th::int[], ch::int[], sh::int[]
    from unnest(
      ${col((r) => r.bucketStart)}::timestamptz[], ${col((r) => r.featureId)}::int[], ${col((r) => r.environment)}::text[],
      ${col((r) => r.model)}::text[], ${col((r) => r.route)}::call_route[], ${col((r) => r.calls)}::int[],
      ${col((r) => r.okCalls)}::int[], ${col((r) => r.errorCalls)}::int[], ${col((r) => r.errTimeout)}::int[],
      ${col((r) => r.errRateLimit)}::int[], ${col((r) => r.errServerError)}::int[], ${col((r) => r.errNetwork)}::int[],
      ${col((r) => r.errContentFilter)}::int[], ${col((r) => r.errOther)}::int[], ${col((r) => r.inputTokens)}::int8[],
      ${col((r) => r.outputTokens)}::int8[], ${col((r) => r.cachedInputTokens)}::int8[], ${col((r) => r.costUsd)}::float8[],
      ${col((r) => r.costedCalls)}::int[], ${col((r) => r.scoredCalls)}::int[], ${col((r) => r.scoreSum)}::float8[],
      ${col((r) => r.ttftCalls)}::int[], ${col((r) => r.ttftSumMs)}::int8[], ${col((r) => r.latencySumMs)}::int8[],
      ${hist((r) => r.latencyHist)}::text[], ${hist((r) => r.ttftHist)}::text[], ${hist((r) => r.costHist)}::text[],
      ${hist((r) => r.scoreHist)}::text[]
    ) as u(b, f, e, m, r, n, ok, er, e1, e2, e3, e4, e5, e6, it, ot, ct, cost, cc, sc, ss, tc, ts, ls, h, th, ch, sh)
    on conflict (feature_id, ${sql.raw(bucketed ? 'bucket_start, ' : '')}environment, model, route) do update set ${addExcluded(table.name)}`);
}

/**
 * Recomputes the minute rollups of [from, to) (widened to whole minutes) and the hourly rollups of
 * [from, to) widened to whole hours — everything when unbounded — from the raw calls, then the
 * totals as the sum of all hourly rows, in one transaction. The table locks make concurrent
 * ingestion wait for it, so that no batch is counted twice or lost. Rollups whose raw calls were
 * dropped by retention are deleted too: pass a range that retention has not reached.
 */
export async function rebuildRollups(db: Db, range: { from?: Date; to?: Date } = {}): Promise<{ rows: number }> {
  clearRollupCaches();
  try {
    return await rebuildInTransaction(db, range);
  } finally {
    clearRollupCaches();
  }
}

async function rebuildInTransaction(db: Db, range: { from?: Date; to?: Date }): Promise<{ rows: number }> {
  return db.transaction(async (tx) => {
    // Ingestion writes minute rows before hour rows; locking in the same order cannot deadlock.
    for (const table of [...TABLES, TOTAL]) await tx.execute(sql`lock table ${sql.raw(table.name)} in exclusive mode`);
    let rows = 0;
    for (const table of TABLES) rows += await rebuildTable(tx, table, range);
    await rebuildTotals(tx);
    await tx.execute(sql`select pg_notify(${ROLLUP_CHANNEL}, 'rebuilt')`);
    return { rows };
  });
}

/** A dense histogram of one kind from the per-bucket counts (hist_from_sparse of 0002). */
const histogramOf = (kind: string) =>
  sql`hist_from_sparse(array_agg(idx) filter (where kind = ${kind}), array_agg(n) filter (where kind = ${kind}))`;

async function rebuildTable(tx: Db, table: (typeof TABLES)[number], range: { from?: Date; to?: Date }): Promise<number> {
  const from = range.from ? new Date(Math.floor(range.from.getTime() / table.ms) * table.ms) : null;
  const to = range.to ? new Date(Math.ceil(range.to.getTime() / table.ms) * table.ms) : null;
  const within = (column: string): SQL => sql.join(
    [
      sql.raw('true'),
      ...(from ? [sql`${sql.raw(column)} >= ${from.toISOString()}::timestamptz`] : []),
      ...(to ? [sql`${sql.raw(column)} < ${to.toISOString()}::timestamptz`] : []),
    ],
    sql` and `,
  );
  await tx.execute(sql`delete from ${sql.raw(table.name)} where ${within('bucket_start')}`);
  const result = await tx.execute(sql`
    with c as (
      select date_bin(${table.width}::interval, ts, timestamptz '1970-01-01 00:00:00+00') as b, feature_id as f,
             environment as e, model as m, route as r, outcome, error_type, input_tokens, output_tokens,
             cached_input_tokens, cost_usd, score, ttft_ms, latency_ms,
             width_bucket(latency_ms, ${arrayLiteral(THRESHOLDS)}::int[]) as hb,
             width_bucket(ttft_ms, ${arrayLiteral(THRESHOLDS)}::int[]) as tb,
             width_bucket(cost_usd, ${arrayLiteral(COST_SCALE.thresholds)}::float8[]) as cb,
             width_bucket(score::float8, ${arrayLiteral(SCORE_SCALE.thresholds)}::float8[]) as sb
      from calls where ${within('ts')}
    ),
    h as (
      select b, f, e, m, r, ${histogramOf('l')} as hist, ${histogramOf('t')} as ttft_hist,
             ${histogramOf('c')} as cost_hist, ${histogramOf('s')} as score_hist
      from (
        select b, f, e, m, r, kind, idx, count(*)::int as n
        from c cross join lateral (values ('l', hb), ('t', tb), ('c', cb), ('s', sb)) as v(kind, idx)
        where idx is not null
        group by b, f, e, m, r, kind, idx
      ) per_bucket
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
    insert into ${sql.raw(table.name)} (${COLUMNS})
    select t.b, t.f, t.e, t.m, t.r, n, ok, er, e1, e2, e3, e4, e5, e6, it, ot, ct, cost, cc, sc, ss, tc, tsum, ls,
           h.hist, h.ttft_hist, h.cost_hist, h.score_hist
    from t join h using (b, f, e, m, r)`);
  return (result as { count?: number }).count ?? (result as { affectedRows?: number }).affectedRows ?? 0;
}

/** The totals as the sum of every hourly row (histograms summed bucket by bucket). */
async function rebuildTotals(tx: Db): Promise<void> {
  const buckets = (kind: string, column: string) => sql.raw(`
    select feature_id, environment, model, route, '${kind}' as kind, (u.i - 1)::int as idx, u.n
    from call_rollups_hourly, unnest(${column}) with ordinality as u(n, i) where u.n > 0`);
  const sums = SUMMED.map((c) => `sum(${c})`).join(', ');
  await tx.execute(sql`delete from call_rollups_total`);
  await tx.execute(sql`
    with h as (
      select feature_id, environment, model, route, ${histogramOf('l')} as l, ${histogramOf('t')} as t,
             ${histogramOf('c')} as c, ${histogramOf('s')} as s
      from (
        select feature_id, environment, model, route, kind, idx, sum(n)::int as n
        from (${buckets('l', 'latency_hist')} union all ${buckets('t', 'ttft_hist')} union all
              ${buckets('c', 'cost_hist')} union all ${buckets('s', 'score_hist')}) as b
        group by 1, 2, 3, 4, 5, 6
      ) as per_bucket
      group by 1, 2, 3, 4
    ),
    t as (select feature_id, environment, model, route, ${sql.raw(sums)} from call_rollups_hourly group by 1, 2, 3, 4)
    insert into call_rollups_total (feature_id, environment, model, route, ${sql.raw(VALUES)})
    select t.*, coalesce(h.l, '{}'), coalesce(h.t, '{}'), coalesce(h.c, '{}'), coalesce(h.s, '{}')
    from t left join h using (feature_id, environment, model, route)`);
}
