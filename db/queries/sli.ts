// Good and total events of SLOs, counted in SQL from the rollups: for every SLO at once, over its
// own window and every burn-rate window (windowed counts), or per hour over its window (the
// burn-down). How each SLI counts is lib/slo/sli-spec.ts; the rows are hourly rollups for the
// whole hours of a window and minute rollups for the rest, so the short windows (5 m … 2 h) are
// exact to the minute and a 30-day window reads ~720 hourly rows per key, not 43,200.
import { sql, type SQL } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { freshAsOf } from '../replica';
import { minuteRange, rollupSource } from './rollup-source';
import { bucketRanges, bucketStarts, HOUR_BUCKETS, MINUTE_BUCKETS, rollupCache } from '@/lib/rollups/bucket-cache';
import type { SliBucket, WindowCounts } from '@/lib/slo/counts';
import { goodOf, sliSpec, type SliSpec, type SliSums } from '@/lib/slo/sli-spec';
import { BURN_WINDOWS, SLO_WINDOWS, type SloWindow } from '@/lib/slo/windows';
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';
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

const sliHourCache = rollupCache<SliSums>('sli-hours', HOUR_BUCKETS);
const sliMinuteCache = rollupCache<SliSums>('sli-minutes', MINUTE_BUCKETS);
const ZERO: SliSums = { total: 0, full: 0, part: 0 };
/** SLOs that count alike share cached sums (the cache keys them under their feature). */
const sliCacheKey = (environment: string, spec: SliSpec) => `${environment}\u0000${spec.kind}\u0000${spec.bucket}`;

/** One grain of what an SLO reads: its bucket starts (ascending), their sums where known, and the starts to fetch. */
interface Buckets {
  starts: number[];
  values: (SliSums | undefined)[];
  missing: number[];
  /** Of the cache, taken before the read. */
  generation: number;
  /** The read's freshness (db/replica.ts), taken before it. */
  freshAsOf: number;
}

interface SpecRead extends TargetSpec {
  key: string;
  windows: WindowSpec[];
  hours: Buckets;
  minutes: Buckets;
}

const NOTHING: Buckets = { starts: [], values: [], missing: [], generation: 0, freshAsOf: Infinity };

/**
 * The windowed counts of every target at `now`, in the order given: one query over the rollups
 * (and one over eval runs when an accuracy SLO reads evals). Per SLO, the sums of each hour and
 * minute it needs come from the process's bucket caches when they have them (./bucket-cache.ts);
 * the query fetches the others, summed per SLO and bucket, and the windows are added up here.
 */
export async function readSliWindowCounts(db: Db, params: { targets: readonly SliTarget[]; now: Date }): Promise<WindowCounts[]> {
  const { targets, now } = params;
  if (targets.length === 0) return [];
  const { windows, to, endHour } = windowSpecs(now, [...new Set(targets.map((t) => t.slo.window))]);
  const startsOf = new Map<string, { hours: number[]; minutes: number[] }>();
  const fresh = freshAsOf(db);
  const specs = targets.map((t): SpecRead => {
    const spec = sliSpec(t.slo);
    const key = sliCacheKey(t.slo.environment, spec);
    const own = windows.filter((w) => !w.name.startsWith('slo:') || w.name === `slo:${t.slo.window}`);
    let starts = startsOf.get(t.slo.window);
    if (!starts) {
      const minuteRanges = mergeRanges([
        [Math.min(...own.filter((w) => w.hourFrom === null).map((w) => w.from), endHour), to],
        ...own.filter((w) => w.hourFrom !== null).map((w): [number, number] => [w.from, w.hourFrom!]),
      ]);
      const hourFrom = Math.min(...own.map((w) => w.hourFrom ?? endHour));
      starts = { hours: bucketStarts(hourFrom, endHour, HOUR_MS), minutes: minuteRanges.flatMap(([a, b]) => bucketStarts(a, b, MINUTE_MS)) };
      startsOf.set(t.slo.window, starts);
    }
    const read = (cache: typeof sliHourCache, bucketStarts: number[]): Buckets =>
      spec.kind === 'evals' ? NOTHING : { starts: bucketStarts, generation: cache.generation(t.featureId), freshAsOf: fresh, ...cache.lookup(t.featureId, key, bucketStarts) };
    return {
      featureId: t.featureId, environment: t.slo.environment, spec, key, windows: own,
      hours: read(sliHourCache, starts.hours), minutes: read(sliMinuteCache, starts.minutes),
    };
  });
  const featureIds = sql.join([...new Set(targets.map((t) => t.featureId))].map((id) => sql`${id}::int`), sql`, `);

  const toRead = specs.filter((s) => s.hours.missing.length > 0 || s.minutes.missing.length > 0);
  const evalTargets = specs.filter((s) => s.spec.kind === 'evals');
  const [rollupRows, evalRows] = await Promise.all([
    toRead.length ? readRollupBuckets(db, { specs: toRead, featureIds }) : [],
    evalTargets.length ? readEvalRuns(db, { specs, featureIds, windows, now }) : [],
  ]);

  const fetched = toRead.map(() => ({ h: new Map<number, SliSums>(), m: new Map<number, SliSums>() }));
  for (const row of rollupRows) fetched[Number(row.i)][row.k].set(Number(row.g), { total: Number(row.t), full: Number(row.f), part: Number(row.p) });
  toRead.forEach((spec, i) => {
    fill(sliHourCache, spec, spec.hours, fetched[i].h);
    fill(sliMinuteCache, spec, spec.minutes, fetched[i].m);
  });

  const evalSums = specs.map(() => new Map<string, SliSums>());
  for (const row of evalRows) {
    for (const w of windows) {
      if (row.from_ms < w.from) continue;
      const acc = evalSums[Number(row.i)].get(w.name) ?? ZERO;
      evalSums[Number(row.i)].set(w.name, { total: acc.total + Number(row.t), full: acc.full + Number(row.f), part: 0 });
    }
  }
  return targets.map((target, i) => {
    const spec = specs[i];
    const sums = spec.spec.kind === 'evals' ? evalSums[i] : windowSums(spec, { to, endHour });
    const counts = (name: string) => goodOf(spec.spec, sums.get(name) ?? ZERO);
    return {
      slo: counts(`slo:${target.slo.window}`),
      ...(Object.fromEntries(Object.keys(BURN_WINDOWS).map((w) => [w, counts(w)])) as Omit<WindowCounts, 'slo'>),
    };
  });
}

/**
 * Puts the fetched sums in place of the missing ones and caches them; a fetched bucket without
 * rows had no calls and is cached as zero, so that it is not fetched again.
 */
function fill(cache: typeof sliHourCache, spec: SpecRead, buckets: Buckets, fetched: Map<number, SliSums>): void {
  if (buckets.missing.length === 0) return;
  const at = new Map(buckets.missing.map((start) => [start, fetched.get(start) ?? ZERO]));
  buckets.starts.forEach((start, k) => {
    const value = at.get(start);
    if (value) buckets.values[k] = value;
  });
  cache.store(spec.featureId, spec.key, at, { generation: buckets.generation, freshAsOf: buckets.freshAsOf });
}

/** Running sums: element k of each array is the sum over the first k buckets. */
function prefixSums(values: (SliSums | undefined)[]): { total: Float64Array; full: Float64Array; part: Float64Array } {
  const total = new Float64Array(values.length + 1);
  const full = new Float64Array(values.length + 1);
  const part = new Float64Array(values.length + 1);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    total[k + 1] = total[k] + (v?.total ?? 0);
    full[k + 1] = full[k] + (v?.full ?? 0);
    part[k + 1] = part[k] + (v?.part ?? 0);
  }
  return { total, full, part };
}

/** Index of the first start ≥ t in ascending starts. */
function firstAtOrAfter(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Each window's sums: its whole hours from the hour sums, its partial hours from the minute sums. */
function windowSums(spec: SpecRead, { to, endHour }: { to: number; endHour: number }): Map<string, SliSums> {
  const hourPrefix = prefixSums(spec.hours.values);
  const minutePrefix = prefixSums(spec.minutes.values);
  const between = (prefix: ReturnType<typeof prefixSums>, starts: number[], from: number, until: number): SliSums => {
    const a = firstAtOrAfter(starts, from);
    const b = firstAtOrAfter(starts, until);
    return { total: prefix.total[b] - prefix.total[a], full: prefix.full[b] - prefix.full[a], part: prefix.part[b] - prefix.part[a] };
  };
  const plus = (x: SliSums, y: SliSums): SliSums => ({ total: x.total + y.total, full: x.full + y.full, part: x.part + y.part });
  const out = new Map<string, SliSums>();
  for (const w of spec.windows) {
    const minutes = between(minutePrefix, spec.minutes.starts, w.from, w.hourFrom ?? to);
    if (w.hourFrom === null) out.set(w.name, minutes);
    else {
      const hours = between(hourPrefix, spec.hours.starts, w.hourFrom, endHour);
      out.set(w.name, plus(plus(hours, minutes), between(minutePrefix, spec.minutes.starts, endHour, to)));
    }
  }
  return out;
}

/** Sums of one SLO (its index in `specs`) over one hourly (`h`) or minute (`m`) bucket starting at g (ms). */
interface BucketRow {
  i: number;
  k: 'm' | 'h';
  g: number;
  t: number;
  f: number;
  p: number;
}

/**
 * The sums of the buckets the SLOs lack, per SLO and bucket, in one pass: minute rows over the
 * merged ranges any SLO lacks, hourly rows over the hull of those; each SLO takes the rows inside
 * the hulls of its own missing minutes and hours.
 */
async function readRollupBuckets(db: Db, p: { specs: SpecRead[]; featureIds: SQL }): Promise<BucketRow[]> {
  const hull = (starts: number[], width: number): [number, number] => (starts.length ? [starts[0], starts.at(-1)! + width] : [0, 0]);
  const minuteRanges = mergeRanges(p.specs.flatMap((s) => bucketRanges(s.minutes.missing, MINUTE_MS)));
  const hourHulls = p.specs.map((s) => hull(s.hours.missing, HOUR_MS)).filter(([a, b]) => a < b);
  const scans = [
    ...minuteRanges.map(([a, b]) => sql`select 'm' as k, ${ROW_COLUMNS} from call_rollups where feature_id in (${p.featureIds}) and bucket_start >= ${ts(a)} and bucket_start < ${ts(b)}`),
    ...(hourHulls.length
      ? [sql`select 'h' as k, ${ROW_COLUMNS} from call_rollups_hourly where feature_id in (${p.featureIds})
             and bucket_start >= ${ts(Math.min(...hourHulls.map(([a]) => a)))} and bucket_start < ${ts(Math.max(...hourHulls.map(([, b]) => b)))}`]
      : []),
  ];
  const values = sql.join(
    p.specs.map((s, i) => {
      const [hf, ht] = hull(s.hours.missing, HOUR_MS);
      const [mf, mt] = hull(s.minutes.missing, MINUTE_MS);
      return sql`(${i}::int, ${s.featureId}::int, ${s.environment}::text, ${s.spec.kind}::text, ${s.spec.bucket}::int, ${ts(hf)}, ${ts(ht)}, ${ts(mf)}, ${ts(mt)})`;
    }),
    sql`, `,
  );
  return resultRows<BucketRow>(
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
