// Adding SLO windows up from bucket sums (lib/slo/window-sums.ts): prefix sums, the binary search
// for a window's edge, a window's sum over hours and minutes, and merging the ranges a read covers.
import { describe, expect, it } from 'vitest';
import type { SliSums } from '@/lib/slo/sli-spec';
import {
  firstAtOrAfter,
  mergeRanges,
  prefixSums,
  sumBetween,
  windowSums,
  type WindowSpec,
} from '@/lib/slo/window-sums';
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';

const sums = (total: number, full: number, part: number): SliSums => ({ total, full, part });

describe('prefixSums', () => {
  it('holds at k the sum of the first k buckets, an unknown bucket counting as zero', () => {
    const prefix = prefixSums([sums(1, 2, 3), undefined, sums(10, 20, 30)]);
    expect([...prefix.total]).toEqual([0, 1, 1, 11]);
    expect([...prefix.full]).toEqual([0, 2, 2, 22]);
    expect([...prefix.part]).toEqual([0, 3, 3, 33]);
    expect([...prefixSums([]).total]).toEqual([0]);
  });
});

describe('firstAtOrAfter', () => {
  const starts = [0, 60, 120, 180];

  it('finds the first start at or after an instant, or the end', () => {
    expect(firstAtOrAfter(starts, -5)).toBe(0);
    expect(firstAtOrAfter(starts, 0)).toBe(0);
    expect(firstAtOrAfter(starts, 1)).toBe(1);
    expect(firstAtOrAfter(starts, 120)).toBe(2);
    expect(firstAtOrAfter(starts, 180)).toBe(3);
    expect(firstAtOrAfter(starts, 181)).toBe(4);
    expect(firstAtOrAfter([], 7)).toBe(0);
  });
});

describe('sumBetween', () => {
  it('sums the buckets that start in [from, until)', () => {
    const starts = [0, 60, 120, 180];
    const prefix = prefixSums([sums(1, 1, 0), sums(2, 1, 1), sums(4, 3, 0), sums(8, 8, 0)]);
    expect(sumBetween(prefix, starts, 60, 180)).toEqual(sums(6, 4, 1));
    expect(sumBetween(prefix, starts, 30, 121)).toEqual(sums(6, 4, 1));
    expect(sumBetween(prefix, starts, 0, 240)).toEqual(sums(15, 13, 1));
    expect(sumBetween(prefix, starts, 100, 110)).toEqual(sums(0, 0, 0));
  });
});

describe('windowSums', () => {
  // At 12:34:30 the last minute read ends at 12:35, the last whole hour at 12:00.
  const to = Date.UTC(2026, 2, 10, 12, 35);
  const endHour = Date.UTC(2026, 2, 10, 12);

  it('adds a short window from minutes only, and a long one from its edge minutes and whole hours', () => {
    const hourStarts = [endHour - 3 * HOUR_MS, endHour - 2 * HOUR_MS, endHour - HOUR_MS];
    const hours = { starts: hourStarts, values: [sums(100, 90, 5), sums(200, 180, 10), sums(400, 390, 0)] };
    // Minutes 9:50 … 9:59 (before the long window's first whole hour, 10:00) and 12:00 … 12:34.
    const minuteStarts = [
      ...Array.from({ length: 10 }, (_, i) => endHour - 2 * HOUR_MS - (10 - i) * MINUTE_MS),
      ...Array.from({ length: 35 }, (_, i) => endHour + i * MINUTE_MS),
    ];
    const minutes = { starts: minuteStarts, values: minuteStarts.map(() => sums(1, 1, 0)) };
    const windows: WindowSpec[] = [
      { name: '5m', from: to - 5 * MINUTE_MS, hourFrom: null },
      { name: 'long', from: endHour - 2 * HOUR_MS - 10 * MINUTE_MS, hourFrom: endHour - 2 * HOUR_MS },
    ];
    const result = windowSums({ windows, hours, minutes }, { to, endHour });
    expect(result.get('5m')).toEqual(sums(5, 5, 0));
    // 10 edge minutes, the hours from 10:00 and 11:00, and the 35 minutes of the current hour.
    expect(result.get('long')).toEqual(sums(10 + 200 + 400 + 35, 10 + 180 + 390 + 35, 10));
  });

  it('equals summing every bucket in the window, for any series and windows', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 50; round++) {
      const hourStarts = Array.from({ length: 48 }, (_, i) => endHour - (48 - i) * HOUR_MS);
      const minuteStarts = Array.from({ length: 300 }, (_, i) => to - (300 - i) * MINUTE_MS).filter(
        () => random() < 0.8,
      );
      const value = () =>
        random() < 0.1
          ? undefined
          : sums(Math.floor(random() * 100), Math.floor(random() * 90), Math.floor(random() * 5));
      const hours = { starts: hourStarts, values: hourStarts.map(value) };
      const minutes = { starts: minuteStarts, values: minuteStarts.map(value) };
      const windows: WindowSpec[] = Array.from({ length: 6 }, (_, i) => {
        const from = to - Math.ceil(random() * 290) * MINUTE_MS;
        const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
        return { name: `w${i}`, from, hourFrom: random() < 0.5 || firstHour >= endHour ? null : firstHour };
      });
      const naive = (w: WindowSpec): SliSums => {
        const total = sums(0, 0, 0);
        const add = (series: { starts: number[]; values: (SliSums | undefined)[] }, from: number, until: number) =>
          series.starts.forEach((start, i) => {
            const bucket = series.values[i];
            if (start < from || start >= until || !bucket) return;
            total.total += bucket.total;
            total.full += bucket.full;
            total.part += bucket.part;
          });
        if (w.hourFrom === null) add(minutes, w.from, to);
        else {
          add(minutes, w.from, w.hourFrom);
          add(hours, w.hourFrom, endHour);
          add(minutes, endHour, to);
        }
        return total;
      };
      const result = windowSums({ windows, hours, minutes }, { to, endHour });
      for (const w of windows) expect(result.get(w.name), `round ${round}, ${w.name}`).toEqual(naive(w));
    }
  });
});

describe('mergeRanges', () => {
  it('sorts, joins overlapping and touching ranges, and drops empty ones', () => {
    expect(
      mergeRanges([
        [50, 60],
        [0, 10],
        [5, 20],
        [20, 30],
        [40, 40],
        [45, 44],
      ]),
    ).toEqual([
      [0, 30],
      [50, 60],
    ]);
    expect(
      mergeRanges([
        [0, 100],
        [10, 20],
      ]),
    ).toEqual([[0, 100]]);
    expect(mergeRanges([])).toEqual([]);
  });

  it('leaves its input alone', () => {
    const ranges: [number, number][] = [
      [10, 20],
      [0, 15],
    ];
    mergeRanges(ranges);
    expect(ranges).toEqual([
      [10, 20],
      [0, 15],
    ]);
  });
});
