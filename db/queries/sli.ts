// Good and total events of SLOs, counted in SQL from the rollups: for every SLO at once, over its
// own window and every burn-rate window (windowed counts), or per hour over its window (the
// burn-down). How each SLI counts is lib/slo/sli-spec.ts; the rows are hourly rollups for the
// whole hours of a window and minute rollups for the rest, so the short windows (5 m … 2 h) are
// exact to the minute and a 30-day window reads ~720 hourly rows per key, not 43,200.
import { sql, type SQL } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { minuteRange, rollupSource } from './rollup-source';
import type { SliBucket, WindowCounts } from '@/lib/slo/counts';
import { goodOf, sliSpec, type SliSpec } from '@/lib/slo/sli-spec';
import { BURN_WINDOWS, HOUR_MS, SLO_WINDOWS, type SloWindow } from '@/lib/slo/windows';
import type { Slo } from '@/lib/validations/slo';

export interface SliTarget {
  featureId: number;
  slo: Slo;
}

const ts = (d: Date | number) => sql`${new Date(d).toISOString()}::timestamptz`;
const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

/** The SLOs as a VALUES list `s(i, feature_id, environment, kind, bucket)` to join rollup rows with. */
function sloValues(targets: readonly { featureId: number; environment: string; spec: SliSpec }[]): SQL {
  const rows = targets.map((t, i) => sql`(${i}::int, ${t.featureId}::int, ${t.environment}::text, ${t.spec.kind}::text, ${t.spec.bucket}::int)`);
  return sql`(values ${sql.join(rows, sql`, `)}) as s(i, feature_id, environment, kind, bucket)`;
}

const prefix = (hist: string) => sql.raw(`(select coalesce(sum(v), 0) from unnest(r.${hist}[1:s.bucket]) v)`);
const part = (hist: string) => sql.raw(`coalesce(r.${hist}[s.bucket + 1], 0)`);

/**
 * Per rollup row `r` and SLO `s`: t (events), f (good buckets wholly), p (calls in the threshold's
 * bucket). Histogram arrays are 1-based in SQL: bucket i is element i + 1.
 */
const SLI_SUMS = sql`
  case s.kind when 'ttft' then r.ttft_calls when 'cost' then r.costed_calls when 'score' then r.scored_calls else r.calls end as t,
  case s.kind
    when 'latency' then ${prefix('latency_hist')}
    when 'ttft' then ${prefix('ttft_hist')}
    when 'cost' then ${prefix('cost_hist')}
    when 'score' then (select coalesce(sum(v), 0) from unnest(r.score_hist[s.bucket + 2:]) v)
    when 'ok_any' then r.ok_calls
    when 'ok_primary' then case when r.route = 'primary' then r.ok_calls else 0 end
    else 0 end as f,
  case s.kind
    when 'latency' then ${part('latency_hist')}
    when 'ttft' then ${part('ttft_hist')}
    when 'cost' then ${part('cost_hist')}
    when 'score' then ${part('score_hist')}
    else 0 end as p`;

const ROW_COLUMNS = sql.raw('bucket_start, feature_id, environment, route, calls, ok_calls, costed_calls, scored_calls, ttft_calls, latency_hist, ttft_hist, cost_hist, score_hist');

interface WindowSpec {
  name: string;
  /** First minute row of the window (minuteRange semantics: rows that start in [now − w, now]). */
  from: number;
  /** Start of the hourly rows, or null when the window reads minute rows only. */
  hourFrom: number | null;
}

/** Windows up to 2 h read minutes only; longer ones hourly rows for their whole hours. */
const MINUTES_ONLY_UP_TO = 2 * HOUR_MS;

function windowSpecs(now: Date, sloWindows: readonly SloWindow[]): { windows: WindowSpec[]; to: number; endHour: number } {
  const to = minuteRange(now, now).to.getTime();
  const endHour = floorTo(to, HOUR_MS);
  const spans: [string, number][] = [...Object.entries(BURN_WINDOWS), ...sloWindows.map((w): [string, number] => [`slo:${w}`, SLO_WINDOWS[w]])];
  const windows = spans.map(([name, span]) => {
    const from = minuteRange(new Date(now.getTime() - span), now).from.getTime();
    const firstHour = ceilTo(from, HOUR_MS);
    return { name, from, hourFrom: span > MINUTES_ONLY_UP_TO && firstHour < endHour ? firstHour : null };
  });
  return { windows, to, endHour };
}

interface WindowRow {
  i: number;
  [column: string]: number;
}

/**
 * The windowed counts of every target at `now`, in the order given: one query over the rollups
 * (and one over eval runs when an accuracy SLO reads evals).
 */
export async function readSliWindowCounts(db: Db, params: { targets: readonly SliTarget[]; now: Date }): Promise<WindowCounts[]> {
  const { targets, now } = params;
  if (targets.length === 0) return [];
  const specs = targets.map((t) => ({ featureId: t.featureId, environment: t.slo.environment, spec: sliSpec(t.slo) }));
  const { windows, to, endHour } = windowSpecs(now, [...new Set(targets.map((t) => t.slo.window))]);
  const featureIds = sql.join([...new Set(targets.map((t) => t.featureId))].map((id) => sql`${id}::int`), sql`, `);

  const rollupTargets = specs.filter((s) => s.spec.kind !== 'evals');
  const evalTargets = specs.filter((s) => s.spec.kind === 'evals');
  const [rollupRows, evalRows] = await Promise.all([
    rollupTargets.length ? readRollupWindows(db, { specs, featureIds, windows, to, endHour }) : [],
    evalTargets.length ? readEvalWindows(db, { specs, featureIds, windows, now }) : [],
  ]);

  const byIndex = new Map<number, WindowRow>([...rollupRows, ...evalRows].map((r) => [Number(r.i), r]));
  return targets.map((target, i) => {
    const row = byIndex.get(i);
    const counts = (name: string) => {
      const k = windows.findIndex((w) => w.name === name);
      return goodOf(specs[i].spec, { total: Number(row?.[`t${k}`] ?? 0), full: Number(row?.[`f${k}`] ?? 0), part: Number(row?.[`p${k}`] ?? 0) });
    };
    return {
      slo: counts(`slo:${target.slo.window}`),
      ...(Object.fromEntries(Object.keys(BURN_WINDOWS).map((w) => [w, counts(w)])) as Omit<WindowCounts, 'slo'>),
    };
  });
}

async function readRollupWindows(
  db: Db,
  p: { specs: { featureId: number; environment: string; spec: SliSpec }[]; featureIds: SQL; windows: WindowSpec[]; to: number; endHour: number },
): Promise<WindowRow[]> {
  const { windows, to, endHour } = p;
  const hourly = windows.filter((w) => w.hourFrom !== null);
  const shortest = Math.min(...windows.filter((w) => w.hourFrom === null).map((w) => w.from), endHour);
  // Minute rows: the recent ones (the minute windows and every window's partial last hour) and
  // each hourly window's partial first hour.
  const minuteRanges = [sql`(bucket_start >= ${ts(shortest)} and bucket_start < ${ts(to)})`, ...hourly.map((w) => sql`(bucket_start >= ${ts(w.from)} and bucket_start < ${ts(w.hourFrom!)})`)];
  const firstHour = Math.min(...hourly.map((w) => w.hourFrom!), endHour);
  const inWindow = (w: WindowSpec) =>
    w.hourFrom === null
      ? sql`r.k = 'm' and r.bucket_start >= ${ts(w.from)} and r.bucket_start < ${ts(to)}`
      : sql`(r.k = 'h' and r.bucket_start >= ${ts(w.hourFrom)} and r.bucket_start < ${ts(endHour)})
          or (r.k = 'm' and ((r.bucket_start >= ${ts(w.from)} and r.bucket_start < ${ts(w.hourFrom)}) or (r.bucket_start >= ${ts(endHour)} and r.bucket_start < ${ts(to)})))`;
  const sums = windows.flatMap((w, k) => {
    const cond = inWindow(w);
    return ['t', 'f', 'p'].map((c) => sql`coalesce(sum(x.${sql.raw(c)}) filter (where ${cond}), 0)::float8 as ${sql.raw(`"${c}${k}"`)}`);
  });
  return resultRows<WindowRow>(
    await db.execute(sql`
      with r as (
        select 'm' as k, ${ROW_COLUMNS} from call_rollups
        where feature_id in (${p.featureIds}) and (${sql.join(minuteRanges, sql` or `)})
        union all
        select 'h' as k, ${ROW_COLUMNS} from call_rollups_hourly
        where feature_id in (${p.featureIds}) and bucket_start >= ${ts(firstHour)} and bucket_start < ${ts(endHour)}
      )
      select s.i, ${sql.join(sums, sql`, `)}
      from r join ${sloValues(p.specs)} on s.feature_id = r.feature_id and s.environment = r.environment and s.kind <> 'evals'
      cross join lateral (select ${SLI_SUMS}) x
      group by s.i`),
  );
}

/** Eval SLOs: the cases of the runs that started in each window (passed of total). */
async function readEvalWindows(db: Db, p: { specs: { featureId: number; environment: string; spec: SliSpec }[]; featureIds: SQL; windows: WindowSpec[]; now: Date }): Promise<WindowRow[]> {
  const sums = p.windows.flatMap((w, k) => {
    const cond = sql`e.started_at >= ${ts(w.from)} and e.started_at < ${ts(p.now)}`;
    return [sql`coalesce(sum(e.total) filter (where ${cond}), 0)::float8 as ${sql.raw(`"t${k}"`)}`, sql`coalesce(sum(e.passed) filter (where ${cond}), 0)::float8 as ${sql.raw(`"f${k}"`)}`, sql`0::float8 as ${sql.raw(`"p${k}"`)}`];
  });
  const earliest = Math.min(...p.windows.map((w) => w.from));
  return resultRows<WindowRow>(
    await db.execute(sql`
      select s.i, ${sql.join(sums, sql`, `)}
      from eval_runs e join ${sloValues(p.specs)} on s.feature_id = e.feature_id and s.environment = e.environment and s.kind = 'evals'
      where e.feature_id in (${p.featureIds}) and e.started_at >= ${ts(earliest)} and e.started_at < ${ts(p.now)}
      group by s.i`),
  );
}

/**
 * One SLO's good/total per clock hour over its window ending at `now` (the first and last hours
 * partial), oldest first, hours without events left out: the series of the burn-down chart
 * (lib/slo/burn-down.ts burnDownSeries).
 */
export async function sloBurnDownBuckets(db: Db, params: { featureId: number; slo: Slo; now: Date }): Promise<SliBucket[]> {
  const { featureId, slo, now } = params;
  const spec = sliSpec(slo);
  const values = sloValues([{ featureId, environment: slo.environment, spec }]);
  const range = minuteRange(new Date(now.getTime() - SLO_WINDOWS[slo.window]), now);
  const rows = resultRows<{ hour_ms: number; t: number; f: number; p: number }>(
    await db.execute(
      spec.kind === 'evals'
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
  return rows.map((r) => ({ start: new Date(Math.max(Number(r.hour_ms), range.from.getTime())), ...goodOf(spec, { total: Number(r.t), full: Number(r.f), part: Number(r.p) }) }));
}
