// The daily partitions of calls and call_bodies (migration 0003): calls_pYYYYMMDD and
// call_bodies_pYYYYMMDD hold the rows whose ts falls on that UTC day.
import { sql } from 'drizzle-orm';
import { arrayLiteral } from '../array-literal';
import { resultRows, type Db } from '../client';

/** Taken (transaction-scoped) by ensure_call_partitions and by drops: one DDL writer at a time. */
const PARTITION_LOCK = 727_010;
const DROP_LOCK_TIMEOUT_MS = 3000;

export interface CallPartition {
  table: string;
  /** The UTC day it holds, YYYY-MM-DD. */
  day: string;
}

/**
 * Creates the partitions of both tables for `days` (YYYY-MM-DD, UTC) where missing; returns how
 * many tables were created. Run it outside a longer transaction: the creation locks the parent
 * table until commit.
 */
export async function ensureCallPartitions(db: Db, days: string[]): Promise<number> {
  if (days.length === 0) return 0;
  const result = await db.execute(sql`select ensure_call_partitions(${arrayLiteral(days)}::date[]) as created`);
  return Number(resultRows<{ created: number }>(result)[0].created);
}

/** Every partition of calls and call_bodies, oldest day first. */
export async function listCallPartitions(db: Db): Promise<CallPartition[]> {
  const result = await db.execute(sql`
    select c.relname as "table", p.relname as parent
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    where p.relname in ('calls', 'call_bodies') and p.relnamespace = to_regnamespace(current_schema())`);
  return resultRows<{ table: string; parent: string }>(result)
    .map(({ table, parent }) => ({ table, day: dayOfPartition(table, parent) }))
    .filter((p): p is CallPartition => p.day !== null)
    .sort((a, b) => a.day.localeCompare(b.day) || a.table.localeCompare(b.table));
}

function dayOfPartition(table: string, parent: string): string | null {
  const match = new RegExp(`^${parent}_p(\\d{4})(\\d{2})(\\d{2})$`).exec(table);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/**
 * Drops the partitions of both tables whose day is before `day` (YYYY-MM-DD), and the scores of
 * their calls, in one transaction; returns them. With `dryRun` it only lists them. A drop locks the parent table: behind a long
 * reader (an export) it would hold up every insert queued after it, so it gives up after
 * DROP_LOCK_TIMEOUT_MS instead (the next hourly run tries again).
 */
export async function dropCallPartitionsBefore(
  db: Db,
  day: string,
  options: { dryRun?: boolean } = {},
): Promise<CallPartition[]> {
  return db.transaction(async (tx) => {
    if (!options.dryRun) {
      await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
      await tx.execute(sql.raw(`set local lock_timeout = ${DROP_LOCK_TIMEOUT_MS}`));
    }
    const old = (await listCallPartitions(tx)).filter((p) => p.day < day);
    if (!options.dryRun) {
      for (const { table } of old) await tx.execute(sql`drop table if exists ${sql.identifier(table)}`);
      // The scores sent after those calls (POST /api/v1/scores) go with them.
      if (old.length) await tx.execute(sql`delete from call_scores where call_ts < ${day}::date`);
    }
    return old;
  });
}

/** The ids among `ids` stored with a ts at or after `since` (re-sends of calls that carried no timestamp). */
export async function findCallIdsSince(db: Db, ids: string[], since: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const result = await db.execute(sql`
    select id from calls where id = any(${arrayLiteral(ids)}::uuid[]) and ts >= ${since.toISOString()}::timestamptz`);
  return resultRows<{ id: string }>(result).map((r) => r.id);
}
