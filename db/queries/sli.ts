// Good and total events of SLOs, summed in SQL from the rollups (and from eval runs): per SLO and
// rollup bucket for the windowed counts (lib/rollups/sli-counts.ts caches the buckets and adds
// the windows up), or per clock hour over one SLO's window (the burn-down). How each SLI counts is
// lib/slo/sli-spec.ts: per row, the total, the histogram buckets wholly on the good side (`full`)
// and the calls in the one bucket that holds the threshold (`part`).
import { sql, type SQL } from 'drizzle-orm';
import type { SliKind, SliSums } from '@/lib/slo/sli-spec';
import { resultRows, type Db } from '../client';
import { rollupSource, type MinuteRange } from './rollup-source';

/** An SLO as the SQL counts it: whose rows, which counter, and which histogram bucket holds the threshold. */
export interface SliQueryTarget {
  featureId: number;
  environment: string;
  kind: SliKind;
  bucket: number;
}

/** [from, to) in ms since the epoch; [0, 0] holds nothing. */
export type MsRange = [number, number];

const ts = (d: Date | number) => sql`${new Date(d).toISOString()}::timestamptz`;

const idList = (ids: readonly number[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::int`),
    sql`, `,
  );

/** The SLOs as a VALUES list `s(i, feature_id, environment, kind, bucket)` to join rows with (i: index in `targets`). */
function sloValues(targets: readonly SliQueryTarget[]): SQL {
  const rows = targets.map(
    (t, i) => sql`(${i}::int, ${t.featureId}::int, ${t.environment}::text, ${t.kind}::text, ${t.bucket}::int)`,
  );
  return sql`(values ${sql.join(rows, sql`, `)}) as s(i, feature_id, environment, kind, bucket)`;
}

// Histograms omit trailing empty buckets: when the threshold's bucket lies beyond a row's last one
// (the usual case for a latency or cost threshold in the tail) all its calls are good, no sum needed.
const prefix = (hist: string, total: string) =>
  sql.raw(
    `case when s.bucket >= cardinality(r.${hist}) then r.${total} else (select coalesce(sum(v), 0) from unnest(r.${hist}[1:s.bucket]) v) end`,
  );
const part = (hist: string) => sql.raw(`coalesce(r.${hist}[s.bucket + 1], 0)`);

/**
 * Per rollup row `r` and SLO `s`: t (total events), f (good buckets wholly: `full`), p (calls in
 * the threshold's bucket: `part`). Histogram arrays are 1-based in SQL: bucket i is element i + 1.
 */
const SLI_SUMS = sql`
  case s.kind when 'ttft' then r.ttft_calls when 'cost' then r.costed_calls when 'score' then r.scored_calls else r.calls end as t,
  case s.kind
    when 'latency' then ${prefix('latency_hist', 'calls')}
    when 'ttft' then ${prefix('ttft_hist', 'ttft_calls')}
    when 'cost' then ${prefix('cost_hist', 'costed_calls')}
    when 'score' then case when s.bucket + 1 >= cardinality(r.score_hist) then 0 else (select coalesce(sum(v), 0) from unnest(r.score_hist[s.bucket + 2:]) v) end
    when 'ok_any' then r.ok_calls
    when 'ok_primary' then case when r.route = 'primary' then r.ok_calls else 0 end
    else 0 end as f,
  case s.kind
    when 'latency' then ${part('latency_hist')}
    when 'ttft' then ${part('ttft_hist')}
    when 'cost' then ${part('cost_hist')}
    when 'score' then ${part('score_hist')}
    else 0 end as p`;

const ROW_COLUMNS = sql.raw(
  'bucket_start, feature_id, environment, route, calls, ok_calls, costed_calls, scored_calls, ttft_calls, latency_hist, ttft_hist, cost_hist, score_hist',
);

/** The sums of one SLO over one rollup bucket. */
export interface SliBucketSums extends SliSums {
  /** The SLO's index in the targets given. */
  sloIndex: number;
  grain: 'minute' | 'hour';
  /** Start of the bucket, ms since the epoch. */
  bucketMs: number;
}

/**
 * Sums per SLO and bucket, in one pass: the minute rows of `minuteRanges` and the hourly rows of
 * `hourRange` (of the features given), each SLO taking the rows inside its own `minutes` and
 * `hours` ranges. Buckets without rows are left out.
 */
export async function listSliBucketSums(
  db: Db,
  params: {
    targets: readonly (SliQueryTarget & { hours: MsRange; minutes: MsRange })[];
    featureIds: readonly number[];
    minuteRanges: readonly MsRange[];
    hourRange: MsRange | null;
  },
): Promise<SliBucketSums[]> {
  const { hourRange } = params;
  const featureIds = idList(params.featureIds);
  const scans = [
    ...params.minuteRanges.map(
      ([from, to]) =>
        sql`select 'm' as k, ${ROW_COLUMNS} from call_rollups where feature_id in (${featureIds}) and bucket_start >= ${ts(from)} and bucket_start < ${ts(to)}`,
    ),
    ...(hourRange
      ? [
          sql`select 'h' as k, ${ROW_COLUMNS} from call_rollups_hourly where feature_id in (${featureIds})
             and bucket_start >= ${ts(hourRange[0])} and bucket_start < ${ts(hourRange[1])}`,
        ]
      : []),
  ];
  const values = sql.join(
    params.targets.map((s, i) => {
      const [hourFrom, hourTo] = s.hours;
      const [minuteFrom, minuteTo] = s.minutes;
      return sql`(${i}::int, ${s.featureId}::int, ${s.environment}::text, ${s.kind}::text, ${s.bucket}::int, ${ts(hourFrom)}, ${ts(hourTo)}, ${ts(minuteFrom)}, ${ts(minuteTo)})`;
    }),
    sql`, `,
  );
  // i: the SLO, k: 'm' or 'h', g: the bucket's start (ms); t, f, p: as SLI_SUMS.
  const rows = resultRows<{ i: number; k: 'm' | 'h'; g: number; t: number; f: number; p: number }>(
    await db.execute(sql`
      with r as (${sql.join(scans, sql` union all `)}),
      -- The narrow per-row sums first (materialized), so the grouping sorts numbers, not histograms.
      v as materialized (
        select s.i, r.k, (extract(epoch from r.bucket_start) * 1000)::float8 as g, x.t, x.f, x.p
        from r join (values ${values}) as s(i, feature_id, environment, kind, bucket, hour_from, hour_to, minute_from, minute_to)
          on s.feature_id = r.feature_id and s.environment = r.environment
          and case when r.k = 'h' then r.bucket_start >= s.hour_from and r.bucket_start < s.hour_to
                   else r.bucket_start >= s.minute_from and r.bucket_start < s.minute_to end
        cross join lateral (select ${SLI_SUMS}) x
      )
      select i, k, g, sum(t)::float8 as t, sum(f)::float8 as f, sum(p)::float8 as p from v group by 1, 2, 3`),
  );
  return rows.map((r) => ({
    sloIndex: Number(r.i),
    grain: r.k === 'h' ? 'hour' : 'minute',
    bucketMs: Number(r.g),
    total: Number(r.t),
    full: Number(r.f),
    part: Number(r.p),
  }));
}

/** The cases of one eval run, for one SLO. */
export interface EvalRunCases {
  /** The SLO's index in the targets given. */
  sloIndex: number;
  startedMs: number;
  total: number;
  passed: number;
}

/** For the targets of kind `evals`: the cases (passed of total) of each run of theirs that started in [from, to). */
export async function listEvalRunCases(
  db: Db,
  params: { targets: readonly SliQueryTarget[]; featureIds: readonly number[]; from: number; to: Date },
): Promise<EvalRunCases[]> {
  const rows = resultRows<{ i: number; from_ms: number; t: number; f: number; p: number }>(
    await db.execute(sql`
      select s.i, (extract(epoch from e.started_at) * 1000)::float8 as from_ms, e.total::float8 as t, e.passed::float8 as f, 0::float8 as p
      from eval_runs e join ${sloValues(params.targets)} on s.feature_id = e.feature_id and s.environment = e.environment and s.kind = 'evals'
      where e.feature_id in (${idList(params.featureIds)}) and e.started_at >= ${ts(params.from)} and e.started_at < ${ts(params.to)}`),
  );
  return rows.map((r) => ({
    sloIndex: Number(r.i),
    startedMs: Number(r.from_ms),
    total: Number(r.t),
    passed: Number(r.f),
  }));
}

/** The sums of one SLO over one clock hour. */
export interface SliHourSums extends SliSums {
  /** Start of the clock hour, ms since the epoch. */
  hourMs: number;
}

/**
 * One SLO's sums per clock hour over `range` (eval runs up to `now`), oldest first, hours without
 * events left out: the series of the burn-down chart.
 */
export async function listSliHourSums(
  db: Db,
  params: { target: SliQueryTarget; range: MinuteRange; now: Date },
): Promise<SliHourSums[]> {
  const { target, range, now } = params;
  const values = sloValues([target]);
  const rows = resultRows<{ hour_ms: number; t: number; f: number; p: number }>(
    await db.execute(
      target.kind === 'evals'
        ? sql`
          select (extract(epoch from date_trunc('hour', e.started_at)) * 1000)::float8 as hour_ms,
                 sum(e.total)::float8 as t, sum(e.passed)::float8 as f, 0::float8 as p
          from eval_runs e join ${values} on s.feature_id = e.feature_id and s.environment = e.environment
          where e.started_at >= ${ts(range.from)} and e.started_at < ${ts(now)}
          group by 1 order by 1`
        : sql`
          select (extract(epoch from date_trunc('hour', r.bucket_start)) * 1000)::float8 as hour_ms,
                 sum(x.t)::float8 as t, sum(x.f)::float8 as f, sum(x.p)::float8 as p
          from ${rollupSource(range)} r join ${values} on s.feature_id = r.feature_id and s.environment = r.environment
          cross join lateral (select ${SLI_SUMS}) x
          group by 1 order by 1`,
    ),
  );
  return rows.map((r) => ({ hourMs: Number(r.hour_ms), total: Number(r.t), full: Number(r.f), part: Number(r.p) }));
}
