// Good and total events of SLOs, from the rollups: for every SLO at once, over its own window and
// every burn-rate window (windowed counts), or per hour over its window (the burn-down). How each
// SLI counts is lib/slo/sli-spec.ts, the SQL db/queries/sli.ts. The rows are hourly rollups for
// the whole hours of a window and minute rollups for the rest, so the short windows (5 m … 2 h)
// are exact to the minute and a 30-day window reads ~720 hourly rows per key, not 43,200.
import type { Db } from '@/db';
import { minuteRange } from '@/db/queries/rollup-source';
import {
  listEvalRunCases,
  listSliBucketSums,
  listSliHourSums,
  type MsRange,
  type SliQueryTarget,
} from '@/db/queries/sli';
import { freshAsOf } from '@/db/replica';
import type { SliBucket, WindowCounts } from '@/lib/slo/counts';
import { goodOf, sliSpec, type SliSpec, type SliSums } from '@/lib/slo/sli-spec';
import { mergeRanges, windowSums, type WindowSpec } from '@/lib/slo/window-sums';
import { BURN_WINDOWS, SLO_WINDOWS, type SloWindow } from '@/lib/slo/windows';
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';
import type { Slo } from '@/lib/validations/slo';
import { bucketRanges, bucketStarts, HOUR_BUCKETS, MINUTE_BUCKETS, rollupCache } from './bucket-cache';

export interface SliTarget {
  featureId: number;
  slo: Slo;
}

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

/** Windows up to 2 h read minutes only; longer ones hourly rows for their whole hours. */
const MINUTES_ONLY_UP_TO = 2 * HOUR_MS;

function windowSpecs(
  now: Date,
  sloWindows: readonly SloWindow[],
): { windows: WindowSpec[]; to: number; endHour: number } {
  const to = minuteRange(now, now).to.getTime();
  const endHour = floorTo(to, HOUR_MS);
  const spans: [string, number][] = [
    ...Object.entries(BURN_WINDOWS),
    ...sloWindows.map((w): [string, number] => [`slo:${w}`, SLO_WINDOWS[w]]),
  ];
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

interface SpecRead {
  featureId: number;
  environment: string;
  spec: SliSpec;
  key: string;
  windows: WindowSpec[];
  hours: Buckets;
  minutes: Buckets;
}

const NOTHING: Buckets = { starts: [], values: [], missing: [], generation: 0, freshAsOf: Infinity };

const queryTarget = (s: SpecRead): SliQueryTarget => ({
  featureId: s.featureId,
  environment: s.environment,
  kind: s.spec.kind,
  bucket: s.spec.bucket,
});

/**
 * The windowed counts of every target at `now`, in the order given: one query over the rollups
 * (and one over eval runs when an accuracy SLO reads evals). Per SLO, the sums of each hour and
 * minute it needs come from the process's bucket caches when they have them (./bucket-cache.ts);
 * the query fetches the others, summed per SLO and bucket, and the windows are added up here.
 */
export async function readSliWindowCounts(
  db: Db,
  params: { targets: readonly SliTarget[]; now: Date },
): Promise<WindowCounts[]> {
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
      starts = {
        hours: bucketStarts(hourFrom, endHour, HOUR_MS),
        minutes: minuteRanges.flatMap(([from, until]) => bucketStarts(from, until, MINUTE_MS)),
      };
      startsOf.set(t.slo.window, starts);
    }
    const read = (cache: typeof sliHourCache, bucketStarts: number[]): Buckets =>
      spec.kind === 'evals'
        ? NOTHING
        : {
            starts: bucketStarts,
            generation: cache.generation(t.featureId),
            freshAsOf: fresh,
            ...cache.lookup(t.featureId, key, bucketStarts),
          };
    return {
      featureId: t.featureId,
      environment: t.slo.environment,
      spec,
      key,
      windows: own,
      hours: read(sliHourCache, starts.hours),
      minutes: read(sliMinuteCache, starts.minutes),
    };
  });
  const featureIds = [...new Set(targets.map((t) => t.featureId))];

  const toRead = specs.filter((s) => s.hours.missing.length > 0 || s.minutes.missing.length > 0);
  const evalTargets = specs.filter((s) => s.spec.kind === 'evals');
  const earliest = Math.min(...windows.map((w) => w.from));
  const [bucketSums, evalRuns] = await Promise.all([
    toRead.length ? fetchBucketSums(db, { specs: toRead, featureIds }) : [],
    evalTargets.length
      ? listEvalRunCases(db, { targets: specs.map(queryTarget), featureIds, from: earliest, to: now })
      : [],
  ]);

  const fetched = toRead.map(() => ({ hour: new Map<number, SliSums>(), minute: new Map<number, SliSums>() }));
  for (const sums of bucketSums)
    fetched[sums.sloIndex][sums.grain].set(sums.bucketMs, { total: sums.total, full: sums.full, part: sums.part });
  toRead.forEach((spec, index) => {
    fill(sliHourCache, spec, spec.hours, fetched[index].hour);
    fill(sliMinuteCache, spec, spec.minutes, fetched[index].minute);
  });

  const evalSums = specs.map(() => new Map<string, SliSums>());
  for (const run of evalRuns) {
    for (const w of windows) {
      if (run.startedMs < w.from) continue;
      const acc = evalSums[run.sloIndex].get(w.name) ?? ZERO;
      evalSums[run.sloIndex].set(w.name, { total: acc.total + run.total, full: acc.full + run.passed, part: 0 });
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
  buckets.starts.forEach((start, index) => {
    const value = at.get(start);
    if (value) buckets.values[index] = value;
  });
  cache.store(spec.featureId, spec.key, at, { generation: buckets.generation, freshAsOf: buckets.freshAsOf });
}

/**
 * The sums of the buckets the SLOs lack, per SLO and bucket, in one query: minute rows over the
 * merged ranges any SLO lacks, hourly rows over the hull of those; each SLO takes the rows inside
 * the hulls of its own missing minutes and hours.
 */
function fetchBucketSums(db: Db, params: { specs: SpecRead[]; featureIds: number[] }) {
  const hull = (starts: number[], width: number): MsRange =>
    starts.length ? [starts[0], starts.at(-1)! + width] : [0, 0];
  const minuteRanges = mergeRanges(params.specs.flatMap((s) => bucketRanges(s.minutes.missing, MINUTE_MS)));
  const hourHulls = params.specs.map((s) => hull(s.hours.missing, HOUR_MS)).filter(([from, to]) => from < to);
  const hourRange: MsRange | null = hourHulls.length
    ? [Math.min(...hourHulls.map(([from]) => from)), Math.max(...hourHulls.map(([, to]) => to))]
    : null;
  const targets = params.specs.map((s) => ({
    ...queryTarget(s),
    hours: hull(s.hours.missing, HOUR_MS),
    minutes: hull(s.minutes.missing, MINUTE_MS),
  }));
  return listSliBucketSums(db, { targets, featureIds: params.featureIds, minuteRanges, hourRange });
}

/**
 * One SLO's good/total per clock hour over its window ending at `now` (the first and last hours
 * partial), oldest first, hours without events left out: the series of the burn-down chart
 * (lib/slo/burn-down.ts burnDownSeries).
 */
export async function sloBurnDownBuckets(
  db: Db,
  params: { featureId: number; slo: Slo; now: Date },
): Promise<SliBucket[]> {
  const { featureId, slo, now } = params;
  const spec = sliSpec(slo);
  const range = minuteRange(new Date(now.getTime() - SLO_WINDOWS[slo.window]), now);
  const hours = await listSliHourSums(db, {
    target: { featureId, environment: slo.environment, kind: spec.kind, bucket: spec.bucket },
    range,
    now,
  });
  return hours.map((hour) => ({ start: new Date(Math.max(hour.hourMs, range.from.getTime())), ...goodOf(spec, hour) }));
}
