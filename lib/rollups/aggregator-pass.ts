// Passes of the rollup aggregator (the SQL: db/queries/rollup-aggregator.ts), and what each pass
// tells the bucket caches: this process's caches drop what the pass changed, and other processes
// hear of the changes that reach buckets old enough to be cached (lib/rollups/bucket-cache.ts).
import type { Db } from '@/db';
import { notify } from '@/db/queries/notify';
import {
  addUpPendingCalls,
  readNextTransactionId,
  tryAggregatorLock,
  type AggregatorPass,
  type RollupChanges,
} from '@/db/queries/rollup-aggregator';
import { invalidateRollupCaches, lateRollupChanges, ROLLUP_CHANNEL, rollupNotices } from './bucket-cache';

/**
 * One pass in its own transaction. With `wait`, a pass running elsewhere is waited for and then
 * this one runs; without, the call returns at once ({ ran: false }) when one is running.
 */
export async function aggregateRollups(db: Db, options: { wait?: boolean } = {}): Promise<AggregatorPass> {
  const pass = await db.transaction(async (tx) => {
    if (!options.wait && !(await tryAggregatorLock(tx))) {
      return { ran: false, calls: 0, changes: new Map(), watermark: '0' } satisfies AggregatorPass;
    }
    return addUpFinishedCalls(tx);
  });
  // Again after the commit: a read between the write and the commit may have cached the old rows.
  invalidateRollupCaches(pass.changes);
  return pass;
}

/**
 * The pass itself, inside a transaction that has not written yet (its own transaction id would
 * hold the horizon back); takes the aggregator's lock, waiting for it, and announces what it
 * changed. rebuildRollups runs it first.
 */
export async function addUpFinishedCalls(tx: Db): Promise<AggregatorPass> {
  const pass = await addUpPendingCalls(tx);
  await announceRollupChanges(tx, pass.changes);
  return pass;
}

/**
 * Within the transaction that wrote rollups from `changes` on: drops what this process's caches
 * hold of them, and tells other processes of the changes that reach buckets old enough to be
 * cached (late calls; NOTIFY is sent at the commit). The caller drops its caches again after the
 * commit (a read in between saw the old rows).
 */
export async function announceRollupChanges(tx: Db, changes: RollupChanges): Promise<void> {
  invalidateRollupCaches(changes);
  for (const payload of rollupNotices(lateRollupChanges(changes))) await notify(tx, ROLLUP_CHANNEL, payload);
}

/**
 * Runs passes until every call of a transaction that committed before this call is in the
 * rollups: what a reader that must be exact (the alert evaluator, a test, the demo seeder) does
 * first. False when `timeoutMs` passed first (a long transaction somewhere holds the horizon back).
 */
export async function catchUpRollups(db: Db, options: { timeoutMs?: number } = {}): Promise<boolean> {
  const target = await readNextTransactionId(db);
  const deadline = performance.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const pass = await aggregateRollups(db, { wait: true });
    if (BigInt(pass.watermark) >= BigInt(target)) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
