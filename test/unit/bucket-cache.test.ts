// The rollup bucket cache (lib/rollups/bucket-cache.ts): what it keeps, for how long, and what
// makes it forget.
import { describe, expect, it } from 'vitest';
import {
  BucketCache,
  bucketRanges,
  bucketStarts,
  coveringRanges,
  lateRollupChanges,
  NOTIFY_PAYLOAD_BYTES,
  rollupNotices,
} from '@/lib/rollups/bucket-cache';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 27, 12, 30);
const options = { bucketMs: HOUR, settleMs: 15 * 60_000, ttlMs: 10 * 60_000 };
const hoursBefore = (n: number) => Date.UTC(2026, 10, 27, 12) - n * HOUR;

function filled(): BucketCache<number> {
  const cache = new BucketCache<number>(options);
  const starts = bucketStarts(hoursBefore(5), hoursBefore(0) + HOUR, HOUR);
  cache.store(
    7,
    'k',
    starts.map((s, i) => [s, i + 1]),
    { generation: cache.generation(7), wallClock: NOW },
  );
  return cache;
}

describe('BucketCache', () => {
  it('keeps a replica read only when the replica had the last invalidation, and only what had settled by its freshness', () => {
    const cache = new BucketCache<number>(options);
    cache.invalidate(7, hoursBefore(3), NOW - 60_000);
    const starts = bucketStarts(hoursBefore(5), hoursBefore(0), HOUR);
    // Fresh only as of before the invalidation: the read may hold the old rows, so nothing is kept.
    cache.store(
      7,
      'k',
      starts.map((s) => [s, 1]),
      { generation: cache.generation(7), wallClock: NOW, freshAsOf: NOW - 90_000 },
    );
    expect(cache.lookup(7, 'k', starts, NOW).missing).toEqual(starts);
    // Fresh as of after the invalidation: kept.
    cache.store(
      7,
      'k',
      starts.map((s) => [s, 2]),
      { generation: cache.generation(7), wallClock: NOW, freshAsOf: NOW - 30_000 },
    );
    expect(cache.lookup(7, 'k', starts, NOW).missing).toEqual([]);
    // Fresh as of 12:10: the 11:00–12:00 bucket had not settled by then (15 min after its end).
    const fresh = new BucketCache<number>(options);
    fresh.store(
      7,
      'k',
      starts.map((s) => [s, 3]),
      { generation: fresh.generation(7), wallClock: NOW, freshAsOf: Date.UTC(2026, 10, 27, 12, 10) },
    );
    expect(fresh.lookup(7, 'k', starts, NOW).missing).toEqual([hoursBefore(1)]);
    // A read from the primary (freshAsOf omitted: Infinity) keeps what settled by the wall clock.
    fresh.store(7, 'k', [[hoursBefore(1), 4]], { generation: fresh.generation(7), wallClock: NOW });
    expect(fresh.lookup(7, 'k', [hoursBefore(1)], NOW).values).toEqual([4]);
  });

  it('keeps only buckets that ended settleMs ago, per feature and key', () => {
    const cache = filled();
    const starts = bucketStarts(hoursBefore(5), hoursBefore(0) + HOUR, HOUR);
    const { values, missing } = cache.lookup(7, 'k', starts, NOW);
    // 12:00–13:00 has not ended; 11:00–12:00 ended 30 min ago, more than the 15 min to settle.
    expect(values).toEqual([1, 2, 3, 4, 5, undefined]);
    expect(missing).toEqual([hoursBefore(0)]);
    expect(cache.lookup(7, 'other', starts, NOW).missing).toHaveLength(6);
    expect(cache.lookup(8, 'k', starts, NOW).missing).toHaveLength(6);
  });

  it('forgets buckets after their time to live (±25 %)', () => {
    const cache = filled();
    const starts = [hoursBefore(3)];
    expect(cache.lookup(7, 'k', starts, NOW + 7 * 60_000).missing).toEqual([]);
    expect(cache.lookup(7, 'k', starts, NOW + 13 * 60_000).missing).toEqual(starts);
  });

  it('drops what a change reaches, and nothing before it', () => {
    const cache = filled();
    cache.invalidate(7, hoursBefore(2) + 25 * 60_000, NOW);
    const { values } = cache.lookup(7, 'k', bucketStarts(hoursBefore(5), hoursBefore(0), HOUR), NOW);
    expect(values).toEqual([1, 2, 3, undefined, undefined]);
  });

  it('ignores changes to buckets it cannot hold yet (the usual ingest)', () => {
    const cache = filled();
    const generation = cache.generation(7);
    cache.invalidate(7, NOW - 60_000, NOW);
    expect(cache.generation(7)).toBe(generation);
    expect(cache.reaches(NOW - 60_000, NOW)).toBe(false);
    expect(cache.reaches(hoursBefore(1), NOW)).toBe(true);
  });

  it('does not keep a read that a change overtook', () => {
    const cache = new BucketCache<number>(options);
    const generation = cache.generation(7);
    cache.invalidate(7, hoursBefore(3), NOW); // committed while the read was under way
    cache.store(7, 'k', [[hoursBefore(3), 1]], { generation, wallClock: NOW });
    expect(cache.lookup(7, 'k', [hoursBefore(3)], NOW).missing).toEqual([hoursBefore(3)]);
    cache.store(7, 'k', [[hoursBefore(3), 2]], { generation: cache.generation(7), wallClock: NOW });
    expect(cache.lookup(7, 'k', [hoursBefore(3)], NOW).values).toEqual([2]);
  });

  it('forgets everything on clear, reads under way included', () => {
    const cache = filled();
    const generation = cache.generation(9);
    cache.clear();
    expect(cache.lookup(7, 'k', [hoursBefore(3)], NOW).missing).toHaveLength(1);
    cache.store(9, 'k', [[hoursBefore(3), 1]], { generation, wallClock: NOW });
    expect(cache.lookup(9, 'k', [hoursBefore(3)], NOW).missing).toHaveLength(1);
  });
});

describe('late rollup changes', () => {
  // This process has no cache at all (nothing here reads rollups): a writer such as a test, the
  // CLI or a second server must still tell the others of changes to buckets they may hold.
  it('are told apart from current writes by the grains, not by the caches this process has', () => {
    const changes = new Map([
      [1, NOW - 60_000],
      [2, NOW - 10 * 60_000],
      [3, hoursBefore(3)],
    ]);
    expect([...lateRollupChanges(changes, NOW).keys()]).toEqual([2, 3]);
  });
});

describe('bucket ranges', () => {
  it('turns bucket starts into contiguous ranges', () => {
    expect(bucketRanges([0, HOUR, 3 * HOUR], HOUR)).toEqual([
      [0, 2 * HOUR],
      [3 * HOUR, 4 * HOUR],
    ]);
    expect(bucketStarts(0, 3 * HOUR, HOUR)).toEqual([0, HOUR, 2 * HOUR]);
  });
});

describe('coveringRanges', () => {
  const MINUTE = 60_000;
  it('keeps the two edges of a long range apart instead of reading everything between them', () => {
    const edges = [
      ...bucketStarts(0, 40 * MINUTE, MINUTE),
      ...bucketStarts(30 * 24 * HOUR, 30 * 24 * HOUR + 20 * MINUTE, MINUTE),
    ];
    expect(coveringRanges(edges, MINUTE, 4)).toEqual([
      [0, 40 * MINUTE],
      [30 * 24 * HOUR, 30 * 24 * HOUR + 20 * MINUTE],
    ]);
  });

  it('closes the shortest gaps first until at most maxRanges remain, covering every start', () => {
    // Buckets 0, 2, 3, 10, 11, 30, 31, 32, 100: gaps of 1, 6, 18 and 67 buckets.
    const starts = [0, 2, 3, 10, 11, 30, 31, 32, 100].map((b) => b * MINUTE);
    expect(coveringRanges(starts, MINUTE, 3)).toEqual([
      [0, 12 * MINUTE],
      [30 * MINUTE, 33 * MINUTE],
      [100 * MINUTE, 101 * MINUTE],
    ]);
    const one = coveringRanges(starts, MINUTE, 1);
    expect(one).toEqual([[0, 101 * MINUTE]]);
    for (const max of [1, 2, 3, 4, 5, 9]) {
      const ranges = coveringRanges(starts, MINUTE, max);
      expect(ranges.length).toBeLessThanOrEqual(max);
      for (const start of starts) expect(ranges.some(([a, b]) => start >= a && start + MINUTE <= b)).toBe(true);
    }
  });
});

describe('rollupNotices', () => {
  it('splits the changes of many features into messages under the NOTIFY limit, losing none', () => {
    const changes = new Map(
      Array.from({ length: 2_000 }, (_, i) => [100_000 + i, hoursBefore(i % 48)] as [number, number]),
    );
    const notices = rollupNotices(changes);
    expect(notices.length).toBeGreaterThan(1);
    for (const notice of notices) expect(Buffer.byteLength(notice)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_BYTES);
    const back = new Map(
      notices
        .flatMap((n) => Object.entries(JSON.parse(n) as Record<string, number>))
        .map(([id, from]) => [Number(id), from]),
    );
    expect(back).toEqual(changes);
    expect(rollupNotices(new Map([[7, 1]]))).toEqual(['{"7":1}']);
    expect(rollupNotices(new Map())).toEqual([]);
  });
});
