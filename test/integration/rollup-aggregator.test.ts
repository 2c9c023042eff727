// The rollup aggregator (lib/rollups/aggregator-pass.ts, its SQL db/queries/rollup-aggregator.ts)
// counts every stored call exactly once: a batch whose transaction commits after later ones is
// held for, not skipped; a rolled-back batch counts nothing; passes running alongside ingestion
// neither miss nor double a call.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, resultRows, type Database } from '@/db/client';
import { aggregateRollups, catchUpRollups } from '@/lib/rollups/aggregator-pass';
import { ingestCalls } from '@/lib/ingest/ingest-calls';
import { testCall } from '../support/calls';
import { testDatabase } from '../support/system';

const suffix = randomUUID().slice(0, 8);

/** Calls counted in the minute rollups, the hourly rollups and the totals of a feature, and its raw calls. */
async function counted(feature: string) {
  const { db } = await testDatabase();
  const [row] = resultRows<{ minute: number; hour: number; total: number; raw: number }>(
    await db.execute(sql`
    select (select coalesce(sum(calls), 0)::int from call_rollups r where r.feature_id = f.id) as minute,
           (select coalesce(sum(calls), 0)::int from call_rollups_hourly r where r.feature_id = f.id) as hour,
           (select coalesce(sum(calls), 0)::int from call_rollups_total r where r.feature_id = f.id) as total,
           (select count(*)::int from calls c where c.feature_id = f.id) as raw
    from features f where f.key = ${feature}`),
  );
  return row ?? { minute: 0, hour: 0, total: 0, raw: 0 };
}

const calls = (feature: string, n: number) =>
  Array.from({ length: n }, () => testCall({ feature, timestamp: new Date().toISOString() }));

describe('the rollup aggregator', () => {
  let other: Database;
  beforeAll(async () => {
    other = await openDatabase({ url: inject('databaseUrl'), max: 1 });
  });
  afterAll(async () => {
    await other.close();
  });

  it('holds the watermark for a batch that commits late, then counts it once', async () => {
    const { db } = await testDatabase();
    const late = `agg-late-${suffix}`;
    const early = `agg-early-${suffix}`;
    await ingestCalls(db, { calls: calls(late, 1) }); // the feature exists before the slow batch
    await catchUpRollups(db);
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let stored!: () => void;
    const slowStored = new Promise<void>((resolve) => (stored = resolve));
    const slow = other.db.transaction(async (tx) => {
      await ingestCalls(tx, { calls: calls(late, 3) });
      stored();
      await committed;
    });
    await slowStored;
    // A later transaction commits first; a pass must not move past the slow one.
    await ingestCalls(db, { calls: calls(early, 2) });
    await aggregateRollups(db, { wait: true });
    expect(await counted(early)).toEqual({ minute: 0, hour: 0, total: 0, raw: 2 });
    expect(await counted(late)).toEqual({ minute: 1, hour: 1, total: 1, raw: 1 });

    commit();
    await slow;
    expect(await catchUpRollups(db)).toBe(true);
    expect(await counted(early)).toEqual({ minute: 2, hour: 2, total: 2, raw: 2 });
    expect(await counted(late)).toEqual({ minute: 4, hour: 4, total: 4, raw: 4 });
    await aggregateRollups(db, { wait: true });
    expect(await counted(late)).toEqual({ minute: 4, hour: 4, total: 4, raw: 4 });
  });

  it('counts nothing of a batch that was rolled back', async () => {
    const { db } = await testDatabase();
    const feature = `agg-rollback-${suffix}`;
    await ingestCalls(db, { calls: calls(feature, 1) });
    await expect(
      other.db.transaction(async (tx) => {
        await ingestCalls(tx, { calls: calls(feature, 5) });
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(await catchUpRollups(db)).toBe(true);
    expect(await counted(feature)).toEqual({ minute: 1, hour: 1, total: 1, raw: 1 });
  });

  it('counts every call once while batches and passes run side by side', async () => {
    const { db } = await testDatabase();
    const features = [`agg-busy-a-${suffix}`, `agg-busy-b-${suffix}`];
    let ingesting = true;
    const passes = (async () => {
      let n = 0;
      while (ingesting) {
        await aggregateRollups(db);
        n++;
      }
      return n;
    })();
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        for (let round = 0; round < 5; round++)
          await ingestCalls(i % 2 ? other.db : db, { calls: [...calls(features[0], 40), ...calls(features[1], 25)] });
      }),
    );
    ingesting = false;
    expect(await passes).toBeGreaterThan(0);
    expect(await catchUpRollups(db)).toBe(true);
    expect(await counted(features[0])).toEqual({ minute: 1200, hour: 1200, total: 1200, raw: 1200 });
    expect(await counted(features[1])).toEqual({ minute: 750, hour: 750, total: 750, raw: 750 });
  });
});
