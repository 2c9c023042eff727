// The server's hourly upkeep of raw calls: partitions for today and tomorrow made ahead of the
// traffic, and the days older than the retention period dropped.
import type { Db } from '@/db';
import { HOUR_MS } from '@/lib/time/units';
import { ensureCurrentPartitions } from './partitions';
import { applyRetention } from './retention';

export async function maintainCalls(db: Db, now = new Date()): Promise<void> {
  await ensureCurrentPartitions(db, now);
  const { dropped, days } = await applyRetention(db, { now });
  if (dropped.length) console.log(`Retention (${days} days) dropped ${dropped.map((p) => p.table).join(', ')}.`);
}

/** Runs maintainCalls now and every hour; failures are logged and retried on the next run. */
export function startCallMaintenance(db: Db): () => void {
  const run = () =>
    maintainCalls(db).catch((err) =>
      console.error(`Call maintenance failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  void run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
