// Values of settled rollup buckets (hours or minutes) kept in the process between reads: the SLI
// sums of each SLO, the spend of each feature, the merged rollup rows the dashboards read. A
// 30-day SLO window is ~720 hourly rows per key and a 24-hour overview ~9,000 rows at 10 M calls,
// but a bucket that ended a while ago rarely changes, so each read only fetches the buckets the
// cache lacks: in the steady state, the last few.
//
// A cached bucket is dropped when rollups change under it: the aggregator reports every write
// (invalidateRollupCaches), so in the process whose pass wrote it the cache is exact. Writes that reach
// buckets old enough to be cached (late calls) and rebuilds are also sent with NOTIFY on
// ROLLUP_CHANNEL, which the server follows (followRollupChanges), so a second server or the CLI's
// writes show at once too. As a last resort, a bucket is cached only once it has ended `settleMs`
// ago and lives `ttlMs` (±25 %, so that refills spread out). Caches live on globalThis (Next.js
// may load a module twice; the database handle is there too) and hold one database's values:
// opening another database in the same process clears them (db/on-open.ts).
//
// The reads that use them: lib/rollups/rollup-rows.ts, hourly-costs.ts and sli-counts.ts.
import type { Database } from '@/db/client';
import { onDatabaseOpen } from '@/db/on-open';
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';

export interface BucketCacheOptions {
  bucketMs: number;
  /** A bucket is cached once it ended this long ago. */
  settleMs: number;
  /** And kept this long (±25 %). */
  ttlMs: number;
}

interface Cached<T> {
  value: T;
  expires: number;
}

export class BucketCache<T> {
  /** feature id → key → bucket number (start / bucketMs: a small integer, which Maps hash fast) → value. */
  private readonly features = new Map<number, Map<string, Map<number, Cached<T>>>>();
  /** feature id → no bucket of the feature starts after this (so most invalidations cost nothing). */
  private readonly latest = new Map<number, number>();
  /** feature id → count of invalidations that reached settled buckets. */
  private readonly generations = new Map<number, number>();
  /** feature id → when its settled buckets were last invalidated (ms): a replica read older than that is not kept. */
  private readonly invalidatedAt = new Map<number, number>();
  /** Count of clear()s: part of every generation. */
  private epoch = 0;
  private clearedAt = -Infinity;
  /** When expired buckets were last swept out of every key (so that keys no one reads again do not keep memory). */
  private sweptAt = 0;

  constructor(readonly options: BucketCacheOptions) {}

  /** The cached values of these bucket starts (undefined where it lacks one), and the starts it lacks. */
  lookup(
    featureId: number,
    key: string,
    starts: readonly number[],
    wallClock = Date.now(),
  ): { values: (T | undefined)[]; missing: number[] } {
    const buckets = this.features.get(featureId)?.get(key);
    const { bucketMs } = this.options;
    const values: (T | undefined)[] = [];
    const missing: number[] = [];
    for (const start of starts) {
      const cached = buckets?.get(start / bucketMs);
      if (cached && cached.expires > wallClock) values.push(cached.value);
      else {
        values.push(undefined);
        missing.push(start);
      }
    }
    return { values, missing };
  }

  /**
   * Take before reading the database, and give to store(): if the feature's settled buckets were
   * invalidated meanwhile, what was read may predate that change and is not kept.
   */
  generation(featureId: number): number {
    return this.epoch * 2 ** 32 + (this.generations.get(featureId) ?? 0);
  }

  /**
   * Keeps the values of the buckets that ended at least settleMs before `wallClock`. A read from a
   * replica passes `freshAsOf` (db/replica.ts, taken before the read): it is kept only when the
   * replica had every commit up to the feature's last invalidation, and only for buckets that had
   * settled by then.
   */
  store(
    featureId: number,
    key: string,
    values: Iterable<[number, T]>,
    options: { generation: number; wallClock?: number; freshAsOf?: number },
  ): void {
    const { bucketMs, settleMs, ttlMs } = this.options;
    const wallClock = options.wallClock ?? Date.now();
    const freshAsOf = options.freshAsOf ?? Infinity;
    if (this.generation(featureId) !== options.generation) return;
    if (freshAsOf < Math.max(this.clearedAt, this.invalidatedAt.get(featureId) ?? -Infinity)) return;
    const settledBy = Math.min(wallClock, freshAsOf);
    let keys = this.features.get(featureId);
    if (!keys) this.features.set(featureId, (keys = new Map()));
    let buckets = keys.get(key);
    if (!buckets) keys.set(key, (buckets = new Map()));
    let latest = this.latest.get(featureId) ?? -Infinity;
    for (const [start, value] of values) {
      if (start + bucketMs + settleMs > settledBy) continue;
      buckets.set(start / bucketMs, { value, expires: wallClock + ttlMs * (0.75 + Math.random() / 2) });
      if (start > latest) latest = start;
    }
    this.latest.set(featureId, latest);
    if (buckets.size > 2 * MAX_BUCKETS_PER_KEY) {
      for (const [n, cached] of buckets) if (cached.expires <= wallClock) buckets.delete(n);
      if (buckets.size > MAX_BUCKETS_PER_KEY) keys.delete(key);
    }
    if (wallClock - this.sweptAt > SWEEP_EVERY_MS) this.sweep(wallClock);
  }

  /** Drops every expired bucket, and keys and features left empty. */
  private sweep(wallClock: number): void {
    this.sweptAt = wallClock;
    for (const [featureId, keys] of this.features) {
      for (const [key, buckets] of keys) {
        for (const [n, cached] of buckets) if (cached.expires <= wallClock) buckets.delete(n);
        if (buckets.size === 0) keys.delete(key);
      }
      if (keys.size === 0) this.features.delete(featureId);
    }
  }

  /** Whether a change from `fromMs` on reaches buckets this cache may hold. */
  reaches(fromMs: number, wallClock = Date.now()): boolean {
    const { bucketMs, settleMs } = this.options;
    return Math.floor(fromMs / bucketMs) * bucketMs + bucketMs + settleMs <= wallClock;
  }

  /**
   * Forgets a feature's buckets that end after `fromMs`: its rollups changed from then on. Call it
   * when the change is made and again once it is committed (a read in between saw the old rows).
   */
  invalidate(featureId: number, fromMs: number, wallClock = Date.now()): void {
    const { bucketMs } = this.options;
    const firstStale = Math.floor(fromMs / bucketMs) * bucketMs;
    // Calls for the current buckets (the usual case) touch nothing that may be cached.
    if (!this.reaches(fromMs, wallClock)) return;
    this.generations.set(featureId, (this.generations.get(featureId) ?? 0) + 1);
    this.invalidatedAt.set(featureId, wallClock);
    const keys = this.features.get(featureId);
    if (!keys || firstStale > (this.latest.get(featureId) ?? -Infinity)) return;
    for (const buckets of keys.values())
      for (const n of buckets.keys()) if (n >= firstStale / bucketMs) buckets.delete(n);
  }

  clear(wallClock = Date.now()): void {
    this.features.clear();
    this.latest.clear();
    this.invalidatedAt.clear();
    this.clearedAt = wallClock;
    this.epoch++;
  }
}

/** How every cache of hourly buckets keeps them. */
export const HOUR_BUCKETS: BucketCacheOptions = { bucketMs: HOUR_MS, settleMs: 15 * MINUTE_MS, ttlMs: 10 * MINUTE_MS };
/** How every cache of minute buckets keeps them. */
export const MINUTE_BUCKETS: BucketCacheOptions = {
  bucketMs: MINUTE_MS,
  settleMs: 2 * MINUTE_MS,
  ttlMs: 5 * MINUTE_MS,
};

const SWEEP_EVERY_MS = MINUTE_MS;

/** A key holds at most 31 days of hours or ~3 days of minutes; beyond, it is pruned. */
const MAX_BUCKETS_PER_KEY = 4_500;

const registry = ((
  globalThis as unknown as { __switchboardRollupCaches?: Map<string, BucketCache<unknown>> }
).__switchboardRollupCaches ??= new Map());

/** The process's cache of this name (made on first use). */
export function rollupCache<T>(name: string, options: BucketCacheOptions): BucketCache<T> {
  let cache = registry.get(name);
  if (!cache) registry.set(name, (cache = new BucketCache<unknown>(options)));
  return cache as BucketCache<T>;
}

/** Rollups of these features changed from these times (ms) on: when written and after the commit. */
export function invalidateRollupCaches(changes: ReadonlyMap<number, number>): void {
  for (const cache of registry.values()) for (const [featureId, fromMs] of changes) cache.invalidate(featureId, fromMs);
}

/** After a rebuild, or when the process opens another database. */
export function clearRollupCaches(): void {
  for (const cache of registry.values()) cache.clear();
}

onDatabaseOpen('rollup-caches', clearRollupCaches);

/** The NOTIFY channel of rollup changes other processes should know of: `rebuilt`, or `{"<feature id>": <from ms>, …}`. */
export const ROLLUP_CHANNEL = 'switchboard_rollups';

/**
 * The changes that reach buckets some cache may hold (late calls): what to NOTIFY. Judged by the
 * grains every cache uses, not by the caches this process happens to have: the writer may have none.
 */
export function lateRollupChanges(changes: ReadonlyMap<number, number>, wallClock = Date.now()): Map<number, number> {
  const grains = [new BucketCache(HOUR_BUCKETS), new BucketCache(MINUTE_BUCKETS)];
  return new Map([...changes].filter(([, fromMs]) => grains.some((grain) => grain.reaches(fromMs, wallClock))));
}

/** Postgres refuses a NOTIFY payload of 8,000 bytes or more; notices stay under this. */
export const NOTIFY_PAYLOAD_BYTES = 7_900;

/**
 * The ROLLUP_CHANNEL messages that announce these changes: one JSON object while it fits in a
 * NOTIFY payload, else as many as needed (late calls of 500 features in one pass are ~11 KB; one
 * message that long made the whole pass fail, and every pass after it).
 */
export function rollupNotices(changes: ReadonlyMap<number, number>): string[] {
  const notices: string[] = [];
  let entries: string[] = [];
  let bytes = 2;
  for (const [featureId, fromMs] of changes) {
    const entry = `"${featureId}":${fromMs}`;
    if (entries.length && bytes + entry.length + 1 > NOTIFY_PAYLOAD_BYTES) {
      notices.push(`{${entries.join(',')}}`);
      entries = [];
      bytes = 2;
    }
    entries.push(entry);
    bytes += entry.length + 1;
  }
  if (entries.length) notices.push(`{${entries.join(',')}}`);
  return notices;
}

/** Applies a ROLLUP_CHANNEL message (from this process or another). */
export function applyRollupNotice(payload: string): void {
  if (payload === 'rebuilt') return clearRollupCaches();
  try {
    const changes = JSON.parse(payload) as Record<string, number>;
    invalidateRollupCaches(new Map(Object.entries(changes).map(([id, fromMs]) => [Number(id), Number(fromMs)])));
  } catch {
    clearRollupCaches();
  }
}

/** Keeps this process's caches in step with other processes' writes; resolves once listening. */
export async function followRollupChanges(database: Pick<Database, 'listen'>): Promise<void> {
  // After a dropped connection, notices may have been lost meanwhile: start afresh.
  await database.listen(ROLLUP_CHANNEL, applyRollupNotice, clearRollupCaches);
}

/** Contiguous [from, to) ranges covering these ascending bucket starts. */
export function bucketRanges(starts: readonly number[], bucketMs: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (const start of starts) {
    const last = ranges.at(-1);
    if (last && last[1] === start) last[1] = start + bucketMs;
    else ranges.push([start, start + bucketMs]);
  }
  return ranges;
}

/**
 * At most `maxRanges` [from, to) ranges covering these ascending bucket starts: the contiguous
 * ranges, with the shortest gaps between them closed until few enough remain. A read of the
 * buckets a cache lacks fetches these: one range per feature spanned the whole hull, so the minute
 * edges of a 30-day range (an hour at each end) read 30 days of minute rows; one range per gap
 * would make a query of thousands of ranges when expiries are scattered.
 */
export function coveringRanges(starts: readonly number[], bucketMs: number, maxRanges: number): [number, number][] {
  const ranges = bucketRanges(starts, bucketMs);
  if (ranges.length <= maxRanges) return ranges;
  const gaps = ranges.slice(1).map((range, i) => ({ after: i, size: range[0] - ranges[i][1] }));
  const closed = new Set(
    gaps
      .sort((a, b) => a.size - b.size || a.after - b.after)
      .slice(0, ranges.length - maxRanges)
      .map((g) => g.after),
  );
  const covering: [number, number][] = [ranges[0]];
  for (let i = 1; i < ranges.length; i++) {
    if (closed.has(i - 1)) covering[covering.length - 1] = [covering[covering.length - 1][0], ranges[i][1]];
    else covering.push(ranges[i]);
  }
  return covering;
}

/** Bucket starts from `from` (inclusive) to `to` (exclusive), both on bucket boundaries. */
export function bucketStarts(from: number, to: number, bucketMs: number): number[] {
  const starts: number[] = [];
  for (let t = from; t < to; t += bucketMs) starts.push(t);
  return starts;
}
