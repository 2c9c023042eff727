// Adds stored calls up into the rollups, outside the ingest transaction (docs/ingestion.md,
// "Rollups"). Every call carries the id of the transaction that stored it (calls.ingest_xid); the
// watermark says below which id every call is counted. A pass takes the oldest transaction still
// running anywhere (pg_snapshot_xmin): every transaction below it has committed or rolled back, so
// its calls are all visible and no more can appear. The pass adds up the calls between the
// watermark and that id — minute rows, hour rows and totals in one statement — and moves the
// watermark in the same transaction: each call is counted exactly once, and a batch that commits
// late holds the watermark back until it is counted rather than being skipped. The SQL of a pass;
// running passes, and telling the caches what changed, is lib/rollups/aggregator-pass.ts.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import {
  addToStored,
  callsForRollups,
  columnsOf,
  rollupRowsOfCalls,
  scoreChangeRows,
  TABLES,
  TOTAL,
} from './rollup-sql';

/** Held for the length of a pass (transaction-scoped): one pass at a time across processes. */
const AGGREGATOR_LOCK = 727_003;

/** Feature id → start (ms) of the earliest bucket written: what invalidateRollupCaches takes. */
export type RollupChanges = Map<number, number>;

export interface AggregatorPass {
  /** False when another process's pass held the lock (and `wait` was not set). */
  ran: boolean;
  /** Calls added up by this pass. */
  calls: number;
  changes: RollupChanges;
  /** Every call of a transaction below this id is in the rollups (a decimal string: it may exceed 2^53). */
  watermark: string;
}

/** Takes AGGREGATOR_LOCK for the transaction if no other pass holds it; false when one does. */
export async function tryAggregatorLock(tx: Db): Promise<boolean> {
  const [{ locked }] = resultRows<{ locked: boolean }>(
    await tx.execute(sql`select pg_try_advisory_xact_lock(${AGGREGATOR_LOCK}) as locked`),
  );
  return locked;
}

/**
 * The pass itself, inside a transaction that has not written yet (its own transaction id would
 * hold the horizon back); takes AGGREGATOR_LOCK, waiting for it. Returns what it changed; the
 * caller announces it (lib/rollups/aggregator-pass.ts, addUpFinishedCalls).
 */
export async function addUpPendingCalls(tx: Db): Promise<AggregatorPass> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AGGREGATOR_LOCK})`);
  const [mark] = resultRows<{ from: string; to: string }>(
    await tx.execute(sql`
    select next_xid::text as "from", pg_snapshot_xmin(pg_current_snapshot())::text as "to" from rollup_watermark`),
  );
  if (!mark) throw new Error('rollup_watermark has no row: run the migrations (npx switchboard migrate).');
  if (BigInt(mark.to) <= BigInt(mark.from)) return { ran: true, calls: 0, changes: new Map(), watermark: mark.from };

  const [minute, hour] = TABLES;
  const upsert = (table: typeof minute | typeof hour | typeof TOTAL, rows: string) =>
    sql`insert into ${sql.raw(table.name)} (${columnsOf(table)}) select * from ${sql.raw(rows)} ${addToStored(table)}`;
  const counted = resultRows<{ featureId: number; fromMs: number; calls: number }>(
    await tx.execute(sql`
    with pending as materialized (
      select * from ${callsForRollups(mark.from)} as calls where ingest_xid >= ${mark.from}::bigint and ingest_xid < ${mark.to}::bigint
    ),
    minute_rows as materialized (${rollupRowsOfCalls(minute, sql`pending`, sql`true`)}),
    hour_rows as (${rollupRowsOfCalls(hour, sql`pending`, sql`true`)}),
    total_rows as (${rollupRowsOfCalls(TOTAL, sql`pending`, sql`true`)}),
    minute_written as (${upsert(minute, 'minute_rows')}),
    hour_written as (${upsert(hour, 'hour_rows')}),
    total_written as (${upsert(TOTAL, 'total_rows')})
    select f as "featureId", (extract(epoch from min(b)) * 1000)::float8 as "fromMs", sum(n)::int as calls
    from minute_rows group by f`),
  );
  const rescored = await applyScoreChanges(tx, mark);
  await tx.execute(sql`update rollup_watermark set next_xid = ${mark.to}::bigint`);

  const changes: RollupChanges = new Map(counted.map((c) => [Number(c.featureId), Number(c.fromMs)]));
  for (const { featureId, fromMs } of rescored)
    changes.set(Number(featureId), Math.min(Number(fromMs), changes.get(Number(featureId)) ?? Infinity));
  return { ran: true, calls: counted.reduce((n, c) => n + Number(c.calls), 0), changes, watermark: mark.to };
}

/**
 * Moves the scores of the score changes of [from, to) in the rollup rows (after the calls of the
 * same window: their rows exist by then), then deletes every change below `to`: applied, and no
 * rebuild needs them (callsForRollups reads the changes from the watermark on).
 */
async function applyScoreChanges(
  tx: Db,
  mark: { from: string; to: string },
): Promise<{ featureId: number; fromMs: number }[]> {
  // Most passes have no score change to apply: one index probe instead of the statements below.
  const [any] = resultRows(
    await tx.execute(sql`select 1 from score_changes where ingest_xid < ${mark.to}::bigint limit 1`),
  );
  if (!any) return [];
  const [minute, hour] = TABLES;
  const upsert = (table: typeof minute | typeof hour | typeof TOTAL, rows: string) =>
    sql`insert into ${sql.raw(table.name)} (${columnsOf(table)}) select * from ${sql.raw(rows)} ${addToStored(table)}`;
  const rescored = resultRows<{ featureId: number; fromMs: number }>(
    await tx.execute(sql`
    with changed as materialized (
      select ts, feature_id, environment, model, route, new_score as score, 1 as sign from score_changes
      where ingest_xid >= ${mark.from}::bigint and ingest_xid < ${mark.to}::bigint and new_score is not null
      union all
      select ts, feature_id, environment, model, route, old_score, -1 from score_changes
      where ingest_xid >= ${mark.from}::bigint and ingest_xid < ${mark.to}::bigint and old_score is not null
    ),
    minute_rows as materialized (${scoreChangeRows(minute, sql`changed`)}),
    hour_rows as (${scoreChangeRows(hour, sql`changed`)}),
    total_rows as (${scoreChangeRows(TOTAL, sql`changed`)}),
    minute_written as (${upsert(minute, 'minute_rows')}),
    hour_written as (${upsert(hour, 'hour_rows')}),
    total_written as (${upsert(TOTAL, 'total_rows')})
    select f as "featureId", (extract(epoch from min(b)) * 1000)::float8 as "fromMs" from minute_rows group by f`),
  );
  await tx.execute(sql`delete from score_changes where ingest_xid < ${mark.to}::bigint`);
  return rescored;
}

/** The id the next transaction will get: every transaction that committed before now is below it. */
export async function readNextTransactionId(db: Db): Promise<string> {
  const [{ target }] = resultRows<{ target: string }>(
    await db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as target`),
  );
  return target;
}
