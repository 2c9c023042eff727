// Good and total events of SLOs, counted in SQL from the rollups: for every SLO at once, over its
// own window and every burn-rate window (windowed counts), or per hour over its window (the
// burn-down). How each SLI counts is lib/slo/sli-spec.ts; the rows are hourly rollups for the
// whole hours of a window and minute rollups for the rest, so the short windows (5 m … 2 h) are
// exact to the minute and a 30-day window reads ~720 hourly rows per key, not 43,200.
import { sql, type SQL } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { minuteRange, rollupSource } from './rollup-source';
import { SETTLE_MS, sliCacheKey, sliHours } from './sli-hour-cache';
import type { SliBucket, WindowCounts } from '@/lib/slo/counts';
import { goodOf, sliSpec, type SliSpec, type SliSums } from '@/lib/slo/sli-spec';
import { BURN_WINDOWS, HOUR_MS, SLO_WINDOWS, type SloWindow } from '@/lib/slo/windows';
import type { Slo } from '@/lib/validations/slo';

export interface SliTarget {
  featureId: number;
  slo: Slo;
}

const ts = (d: Date | number) => sql`${new Date(d).toISOString()}::timestamptz`;
const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

interface TargetSpec {
  featureId: number;
  environment: string;
  spec: SliSpec;
  /** Hourly rows before this are not read (known from the hour cache). */
  hourFrom?: number;
}

/** The SLOs as a VALUES list `s(i, feature_id, environment, kind, bucket, hour_from)` to join rollup rows with. */
function sloValues(targets: readonly TargetSpec[]): SQL {
  const rows = targets.map((t, i) => sql`(${i}::int, ${t.featureId}::int, ${t.environment}::text, ${t.spec.kind}::text, ${t.spec.bucket}::int, ${ts(t.hourFrom ?? 0)})`);
  return sql`(values ${sql.join(rows, sql`, `)}) as s(i, feature_id, environment, kind, bucket, hour_from)`;
}

// Histograms omit trailing empty buckets: when the threshold's bucket lies beyond a row's last one
// (the usual case for a latency or cost threshold in the tail) all its calls are good, no sum needed.
const prefix = (hist: string, total: string) =>
  sql.raw(`case when s.bucket >= cardinality(r.${hist}) then r.${total} else (select coalesce(sum(v), 0) from unnest(r.${hist}[1:s.bucket]) v) end`);
const part = (hist: string) => sql.raw(`coalesce(r.${hist}[s.bucket + 1], 0)`);

/**
 * Per rollup row `r` and SLO `s`: t (events), f (good buckets wholly), p (calls in the threshold's
 * bucket). Histogram arrays are 1-based in SQL: bucket i is element i + 1.
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

/**
 * The windowed counts of every target at `now`, in the order given: one query over the rollups
 * (and one over eval runs when an accuracy SLO reads evals). Hours settled more than SETTLE_MS
 * ago come from the process's hour cache when it has them (./sli-hour-cache.ts).
 */
export async function readSliWindowCounts(db: Db, params: { targets: readonly SliTarget[]; now: Date }): Promise<WindowCounts[]> {
  const { targets, now } = params;
  if (targets.length === 0) return [];
  const { windows, to, endHour } = windowSpecs(now, [...new Set(targets.map((t) => t.slo.window))]);
  const settledTo = endHour - SETTLE_MS;
  const specs = targets.map((t) => {
    const spec = sliSpec(t.slo);
    const key = sliCacheKey(t.featureId, t.slo.environment, spec);
    const firstHour = windows.find((w) => w.name === `slo:${t.slo.window}`)!.hourFrom ?? endHour;
    const cached = sliHours.get(key, firstHour);
    return { featureId: t.featureId, environment: t.slo.environment, spec, key, firstHour, cached, hourFrom: cached ? cached.to : firstHour };
  });
  const featureIds = sql.join([...new Set(targets.map((t) => t.featureId))].map((id) => sql`${id}::int`), sql`, `);

  const rollupTargets = specs.filter((s) => s.spec.kind !== 'evals');
  const evalTargets = specs.filter((s) => s.spec.kind === 'evals');
  const [rollupRows, evalRows] = await Promise.all([
    rollupTargets.length ? readRollupSegments(db, { specs, featureIds, windows, to, endHour }) : [],
    evalTargets.length ? readEvalRuns(db, { specs, featureIds, windows, now }) : [],
  ]);

  const sums = specs.map(() => new Map<string, SliSums>());
  const add = (i: number, window: string, row: SliSums) => {
    const acc = sums[i].get(window) ?? { total: 0, full: 0, part: 0 };
    sums[i].set(window, { total: acc.total + row.total, full: acc.full + row.full, part: acc.part + row.part });
  };
  const hours = specs.map((s) => new Map(s.cached?.hours));
  for (const row of rollupRows) {
    const i = Number(row.i);
    const rowSums = { total: Number(row.t), full: Number(row.f), part: Number(row.p) };
    if (row.k === 'h') hours[i].set(Number(row.from_ms), rowSums);
    else for (const w of windows) if (segmentInWindow(row, w, { to, endHour })) add(i, w.name, rowSums);
  }
  for (const row of evalRows) for (const w of windows) if (row.from_ms >= w.from) add(Number(row.i), w.name, { total: Number(row.t), full: Number(row.f), part: 0 });
  specs.forEach((spec, i) => {
    const hourWindows = windows.filter((w) => w.hourFrom !== null);
    const acc = hourWindows.map(() => ({ total: 0, full: 0, part: 0 }));
    for (const [hour, rowSums] of hours[i]) {
      if (hour >= endHour) continue;
      hourWindows.forEach((w, k) => {
        if (hour < w.hourFrom!) return;
        acc[k].total += rowSums.total;
        acc[k].full += rowSums.full;
        acc[k].part += rowSums.part;
      });
    }
    hourWindows.forEach((w, k) => add(i, w.name, acc[k]));
    if (spec.spec.kind === 'evals') return;
    sliHours.store(spec.key, { previous: spec.cached, from: spec.firstHour, settledTo, hours: hours[i] });
  });

  return targets.map((target, i) => {
    const counts = (name: string) => goodOf(specs[i].spec, sums[i].get(name) ?? { total: 0, full: 0, part: 0 });
    return {
      slo: counts(`slo:${target.slo.window}`),
      ...(Object.fromEntries(Object.keys(BURN_WINDOWS).map((w) => [w, counts(w)])) as Omit<WindowCounts, 'slo'>),
    };
  });
}

/** Sums of one SLO over one segment of time [from_ms, to_ms) of minute (`m`) or hourly (`h`) rows. */
interface SegmentRow {
  i: number;
  k: 'm' | 'h';
  from_ms: number;
  to_ms: number;
  t: number;
  f: number;
  p: number;
}

/** Segments never straddle a window's edge (every edge is a segment bound), so each is wholly in or out. */
function segmentInWindow(row: SegmentRow, w: WindowSpec, { to, endHour }: { to: number; endHour: number }): boolean {
  const a = Number(row.from_ms);
  const b = Number(row.to_ms);
  if (row.k === 'h') return w.hourFrom !== null && a >= w.hourFrom && b <= endHour;
  if (w.hourFrom === null) return a >= w.from && b <= to;
  return (a >= w.from && b <= w.hourFrom) || (a >= endHour && b <= to);
}

/**
 * One pass over the rollup rows of the longest window (hourly rows only from each SLO's
 * `hourFrom`, the rest being cached): hourly rows are summed per SLO and hour, minute rows per
 * SLO and segment between two consecutive window edges (width_bucket). The windows are then added
 * up in JS: no per-window filter over every row.
 */
async function readRollupSegments(
  db: Db,
  p: { specs: TargetSpec[]; featureIds: SQL; windows: WindowSpec[]; to: number; endHour: number },
): Promise<SegmentRow[]> {
  const { windows, to, endHour } = p;
  const hourly = windows.filter((w) => w.hourFrom !== null);
  const shortest = Math.min(...windows.filter((w) => w.hourFrom === null).map((w) => w.from), endHour);
  // Minute rows: the recent ones (the minute windows and every window's partial last hour) and
  // each hourly window's partial first hour.
  const minuteRanges = mergeRanges([[shortest, to], ...hourly.map((w): [number, number] => [w.from, w.hourFrom!])]);
  const firstHour = Math.max(Math.min(...hourly.map((w) => w.hourFrom!), endHour), Math.min(...p.specs.map((t) => t.hourFrom ?? 0)));
  const bounds = [...new Set([...windows.flatMap((w) => [w.from, w.hourFrom ?? w.from]), endHour, to])].sort((a, b) => a - b);
  const boundsSql = sql.raw(`array[${bounds.map((b) => b / 1000).join(',')}]::float8[]`);
  const rows = resultRows<SegmentRow & { g: number }>(
    await db.execute(sql`
      with r as (
        ${sql.join(
          minuteRanges.map(([a, b]) => sql`select 'm' as k, ${ROW_COLUMNS} from call_rollups where feature_id in (${p.featureIds}) and bucket_start >= ${ts(a)} and bucket_start < ${ts(b)}`),
          sql` union all `,
        )}
        union all
        select 'h' as k, ${ROW_COLUMNS} from call_rollups_hourly
        where feature_id in (${p.featureIds}) and bucket_start >= ${ts(firstHour)} and bucket_start < ${ts(endHour)}
      )
      select s.i, r.k,
             case when r.k = 'h' then extract(epoch from r.bucket_start) * 1000 else width_bucket(extract(epoch from r.bucket_start)::float8, ${boundsSql}) end::float8 as g,
             sum(x.t)::float8 as t, sum(x.f)::float8 as f, sum(x.p)::float8 as p
      from r join ${sloValues(p.specs)} on s.feature_id = r.feature_id and s.environment = r.environment and s.kind <> 'evals'
        and (r.k = 'm' or r.bucket_start >= s.hour_from)
      cross join lateral (select ${SLI_SUMS}) x
      group by 1, 2, 3`),
  );
  // Hourly rows come per hour (what the hour cache keeps), minute rows per segment.
  return rows.map((r) => (r.k === 'h' ? { ...r, from_ms: Number(r.g), to_ms: Number(r.g) + HOUR_MS } : { ...r, from_ms: bounds[r.g - 1], to_ms: bounds[r.g] }));
}

/** Disjoint ranges covering the same instants (each range its own index scan; none read twice). */
function mergeRanges(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of ranges.filter(([a, b]) => a < b).sort((x, y) => x[0] - y[0])) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Eval SLOs: the cases (passed of total) of each run that started in the longest window; a run counts in a window when it started in it. */
async function readEvalRuns(db: Db, p: { specs: TargetSpec[]; featureIds: SQL; windows: WindowSpec[]; now: Date }) {
  const earliest = Math.min(...p.windows.map((w) => w.from));
  const rows = resultRows<{ i: number; from_ms: number; t: number; f: number; p: number }>(
    await db.execute(sql`
      select s.i, (extract(epoch from e.started_at) * 1000)::float8 as from_ms, e.total::float8 as t, e.passed::float8 as f, 0::float8 as p
      from eval_runs e join ${sloValues(p.specs)} on s.feature_id = e.feature_id and s.environment = e.environment and s.kind = 'evals'
      where e.feature_id in (${p.featureIds}) and e.started_at >= ${ts(earliest)} and e.started_at < ${ts(p.now)}`),
  );
  return rows.map((r) => ({ ...r, from_ms: Number(r.from_ms) }));
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
