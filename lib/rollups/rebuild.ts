// Rebuilding the rollups from the raw calls (`switchboard rollups rebuild`; the SQL is
// db/queries/rollups.ts), with every process's bucket caches cleared around it.
import type { Db } from '@/db';
import { notify } from '@/db/queries/notify';
import { rebuildRollupTables } from '@/db/queries/rollups';
import { addUpFinishedCalls } from './aggregator-pass';
import { clearRollupCaches, ROLLUP_CHANNEL } from './bucket-cache';

/**
 * Recomputes the minute rollups of [from, to) (widened to whole minutes) and the hourly rollups of
 * [from, to) widened to whole hours — everything when unbounded — from the raw calls, then the
 * totals as the sum of all hourly rows, in one transaction. It holds the aggregator's lock and
 * first lets the aggregator catch up to the same horizon, so that it counts exactly the calls the
 * aggregator has counted: calls of later transactions are left to the aggregator. Rollups whose
 * raw calls were dropped by retention are deleted too: pass a range that retention has not reached.
 */
export async function rebuildRollups(db: Db, range: { from?: Date; to?: Date } = {}): Promise<{ rows: number }> {
  clearRollupCaches();
  try {
    return await db.transaction(async (tx) => {
      const { watermark } = await addUpFinishedCalls(tx);
      const rows = await rebuildRollupTables(tx, range, watermark);
      await notify(tx, ROLLUP_CHANNEL, 'rebuilt');
      return { rows };
    });
  } finally {
    clearRollupCaches();
  }
}
