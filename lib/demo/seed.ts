// Seeds the demo month on the first start of a database that has no features yet.
import { count, sql } from 'drizzle-orm';
import type { Database, Db } from '@/db';
import { features } from '@/db/schema';
import { catchUpRollups } from '@/lib/rollups/aggregator-pass';
import { getRetentionDays } from '@/lib/calls/retention';
import { generateDemoData, type DemoOptions } from './generate';
import { DEMO_FEATURES } from './profiles';
import { writeCalls } from './write-calls';
import { writeDemoEvalRuns } from './write-evals';
import { writeDemoSlos } from './write-slos';
import { writeSwitchHistory } from './write-switches';

const DEMO_SEED_LOCK = 727_002;

export interface SeedResult {
  calls: number;
  ms: number;
}

/** Writes the demo features, calls, switch history, SLOs and eval runs in one transaction: all or nothing. */
export async function seedDemo(db: Db, options: DemoOptions): Promise<SeedResult> {
  const started = Date.now();
  const { calls, scenario } = generateDemoData(options);
  await db.transaction(async (tx) => {
    await tx
      .insert(features)
      .values(DEMO_FEATURES.map((f) => ({ key: f.key, name: f.name, description: f.description })))
      .onConflictDoNothing();
    await writeCalls(tx, calls);
    await writeSwitchHistory(tx, scenario.switchEvents);
    await writeDemoSlos(tx);
    await writeDemoEvalRuns(tx, options.now);
  });
  // The dashboards read rollups: count the month of calls now rather than on the next pass.
  await catchUpRollups(db);
  // Fresh statistics, so the first queries plan for 100k rows rather than for an empty table.
  await db.execute(sql`analyze calls, call_bodies, features`);
  return { calls: calls.length, ms: Date.now() - started };
}

/** Seeds when the database has no features; one instance at a time. Returns null when it did not. */
export async function seedDemoIfEmpty(
  database: Database,
  options: Partial<DemoOptions> = {},
): Promise<SeedResult | null> {
  return database.withLock(DEMO_SEED_LOCK, async () => {
    const [{ n }] = await database.db.select({ n: count() }).from(features);
    if (n > 0) return null;
    // Ingestion refuses calls older than the retention period, so a shorter one shortens the demo.
    const days = Math.min(options.days ?? 30, await getRetentionDays(database.db));
    return seedDemo(database.db, { now: new Date(), ...options, days });
  });
}
