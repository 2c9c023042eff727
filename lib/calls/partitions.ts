// Makes sure the daily partitions of calls and call_bodies exist before rows go in. The days
// known to exist are remembered per database handle, so a batch of today's calls costs no query;
// a new day costs one short statement (ensure_call_partitions) before the ingest transaction.
import type { Db } from '@/db';
import { ensureCallPartitions } from '@/db/queries/call-partitions';
import { DAY_MS } from '@/lib/time/units';

const known = new WeakMap<Db, Set<number>>();

/** YYYY-MM-DD of the UTC day numbered `day` (days since the epoch). */
function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Creates the partitions for the UTC days of `timestamps` that this process has not seen yet. */
export async function ensurePartitionsFor(db: Db, timestamps: Iterable<Date>): Promise<void> {
  let days = known.get(db);
  if (!days) known.set(db, (days = new Set()));
  const missing = new Set<number>();
  for (const ts of timestamps) {
    const day = Math.floor(ts.getTime() / DAY_MS);
    if (!days.has(day)) missing.add(day);
  }
  if (missing.size === 0) return;
  await ensureCallPartitions(db, [...missing].map(isoDay));
  for (const day of missing) days.add(day);
}

/** Today's and tomorrow's partitions (UTC), so that midnight never waits for a CREATE TABLE. */
export function ensureCurrentPartitions(db: Db, now = new Date()): Promise<void> {
  return ensurePartitionsFor(db, [now, new Date(now.getTime() + DAY_MS)]);
}

/** After partitions were dropped (here or by another process): check again before the next insert. */
export function forgetPartitions(db: Db): void {
  known.delete(db);
}
