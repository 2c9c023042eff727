// Late calls of many features in one aggregator pass: the pass announces them to other processes
// with NOTIFY, whose payload Postgres caps at 8,000 bytes. One message for 500 features (~11 KB)
// once made the pass fail, and every pass after it: calls were stored and never counted.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, resultRows, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { catchUpRollups } from '@/lib/rollups/aggregator-pass';
import { NOTIFY_PAYLOAD_BYTES, ROLLUP_CHANNEL } from '@/lib/rollups/bucket-cache';
import { ingestCalls } from '@/lib/ingest/ingest-calls';
import { createTestDatabase } from '../support/test-database';

const FEATURES = 500;

describe('late calls of many features', () => {
  let database: Database;
  let drop: () => Promise<void>;
  const notices: string[] = [];

  beforeAll(async () => {
    const created = await createTestDatabase('switchboard_notices');
    drop = created.drop;
    database = await openDatabase({ url: created.url, max: 3 });
    await migrateDatabase(database);
    await database.listen(
      ROLLUP_CHANNEL,
      (payload) => notices.push(payload),
      () => {},
    );
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('are all counted, and announced in messages Postgres accepts', async () => {
    const at = new Date(Date.now() - 5 * 3_600_000).toISOString();
    const calls = Array.from({ length: FEATURES }, (_, i) => ({
      id: randomUUID(),
      feature: `late-${i}`,
      model: 'gpt-4o-mini',
      latencyMs: 100,
      timestamp: at,
    }));
    expect(await ingestCalls(database.db, { calls })).toMatchObject({ accepted: FEATURES, rejected: [] });
    expect(await catchUpRollups(database.db, { timeoutMs: 20_000 })).toBe(true);

    const [counted] = resultRows<{ calls: number; features: number }>(
      await database.db.execute(
        sql`select sum(calls)::int as calls, count(distinct feature_id)::int as features from call_rollups_hourly`,
      ),
    );
    expect(counted).toEqual({ calls: FEATURES, features: FEATURES });

    await expect.poll(() => notices.length, { timeout: 5_000 }).toBeGreaterThan(1);
    const announced = new Set(notices.flatMap((n) => Object.keys(JSON.parse(n) as Record<string, number>)));
    expect(announced.size).toBe(FEATURES);
    expect(Math.max(...notices.map((n) => Buffer.byteLength(n)))).toBeLessThanOrEqual(NOTIFY_PAYLOAD_BYTES);
  });
});
