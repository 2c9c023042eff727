// Adding an SLO's windows up from its bucket sums (lib/rollups/sli-counts.ts reads the buckets):
// each window's whole hours from the hourly sums and its partial hours from the minute sums.
// Prefix sums over the buckets, in ascending order, make each window two binary searches.
import type { SliSums } from './sli-spec';

/** One window an SLO is counted over: a burn-rate window ('5m' …) or its own (`slo:30d` …). */
export interface WindowSpec {
  name: string;
  /** First minute row of the window (minuteRange semantics: rows that start in [now − w, now]). */
  from: number;
  /** Start of the hourly rows, or null when the window reads minute rows only. */
  hourFrom: number | null;
}

/** Sums per bucket of one grain (hours or minutes): starts ascending, undefined where none is known. */
export interface BucketSums {
  starts: readonly number[];
  values: readonly (SliSums | undefined)[];
}

/** Running sums: element k of each array is the sum over the first k buckets. */
export interface PrefixSums {
  total: Float64Array;
  full: Float64Array;
  part: Float64Array;
}

const ZERO: SliSums = { total: 0, full: 0, part: 0 };

export function prefixSums(values: readonly (SliSums | undefined)[]): PrefixSums {
  const total = new Float64Array(values.length + 1);
  const full = new Float64Array(values.length + 1);
  const part = new Float64Array(values.length + 1);
  for (let index = 0; index < values.length; index++) {
    const bucket = values[index] ?? ZERO;
    total[index + 1] = total[index] + bucket.total;
    full[index + 1] = full[index] + bucket.full;
    part[index + 1] = part[index] + bucket.part;
  }
  return { total, full, part };
}

/** Index of the first start ≥ `at` in ascending starts (starts.length when there is none). */
export function firstAtOrAfter(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle] < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The sums of the buckets that start in [from, until), from the prefix sums of their series. */
export function sumBetween(prefix: PrefixSums, starts: readonly number[], from: number, until: number): SliSums {
  const first = firstAtOrAfter(starts, from);
  const end = firstAtOrAfter(starts, until);
  return {
    total: prefix.total[end] - prefix.total[first],
    full: prefix.full[end] - prefix.full[first],
    part: prefix.part[end] - prefix.part[first],
  };
}

export function addSums(a: SliSums, b: SliSums): SliSums {
  return { total: a.total + b.total, full: a.full + b.full, part: a.part + b.part };
}

/**
 * Each window's sums: a window without hourly rows is its minutes from `from` to `to`; one with
 * them is its minutes before `hourFrom`, its whole hours from `hourFrom` to `endHour`, and the
 * minutes from `endHour` to `to` (the current, partial hour). `to` ends the last minute read.
 */
export function windowSums(
  series: { windows: readonly WindowSpec[]; hours: BucketSums; minutes: BucketSums },
  { to, endHour }: { to: number; endHour: number },
): Map<string, SliSums> {
  const hourPrefix = prefixSums(series.hours.values);
  const minutePrefix = prefixSums(series.minutes.values);
  const minutesBetween = (from: number, until: number) => sumBetween(minutePrefix, series.minutes.starts, from, until);
  const out = new Map<string, SliSums>();
  for (const window of series.windows) {
    const minutes = minutesBetween(window.from, window.hourFrom ?? to);
    if (window.hourFrom === null) out.set(window.name, minutes);
    else {
      const hours = sumBetween(hourPrefix, series.hours.starts, window.hourFrom, endHour);
      out.set(window.name, addSums(addSums(hours, minutes), minutesBetween(endHour, to)));
    }
  }
  return out;
}

/** Disjoint [from, to) ranges, ascending, covering the same instants as these (empty ones dropped). */
export function mergeRanges(ranges: readonly [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [from, to] of ranges.filter(([from, to]) => from < to).sort((x, y) => x[0] - y[0])) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}
