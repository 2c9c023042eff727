// Migration 0003 turns calls and call_bodies of a populated database into partitioned tables:
// every row and body survives, on Postgres and on the embedded PGlite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, resultRows, type Database } from '@/db/client';
import { listCallPartitions } from '@/db/queries/call-partitions';
import { findCallById } from '@/db/queries/calls';
import { migrateDatabase, migrationsFolder } from '@/db/migrate';
import { createTestDatabase } from '../support/test-database';

const DAY_MS = 86_400_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-0003-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of the migrations folder that stops before 0003. */
function migrationsBefore0003(): string {
  const folder = path.join(tmp, 'migrations');
  fs.cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < '0003');
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

async function migrateBefore0003(database: Database): Promise<void> {
  const folder = migrationsBefore0003();
  const { migrate } =
    database.kind === 'pglite'
      ? await import('drizzle-orm/pglite/migrator')
      : await import('drizzle-orm/postgres-js/migrator');
  await migrate(database.db as never, { migrationsFolder: folder });
}

async function populateAndMigrate(database: Database) {
  const { db } = database;
  await migrateBefore0003(database);
  await db.execute(sql`insert into features (key) values ('old-feature')`);
  // 60 calls, one every 2 hours back from now (6 days), a body on every third.
  await db.execute(sql`
    insert into calls (id, feature_id, ts, model, outcome, route, latency_ms, environment, cost_usd)
    select md5('call' || i)::uuid, (select id from features), now() - i * interval '2 hours', 'gpt-4o-mini', 'ok', 'primary', 100 + i, 'production', i / 100.0
    from generate_series(0, 59) as i`);
  await db.execute(sql`
    insert into call_bodies (call_id, prompt, completion)
    select md5('call' || i)::uuid, to_jsonb('prompt ' || i), 'completion ' || i from generate_series(0, 59, 3) as i`);
  const before = resultRows<{ n: number; cost: number; latency: number }>(
    await db.execute(
      sql`select count(*)::int as n, round(sum(cost_usd)::numeric, 6)::float8 as cost, sum(latency_ms)::int as latency from calls`,
    ),
  )[0];

  await migrateDatabase(database);

  const after = resultRows<{ n: number; cost: number; latency: number }>(
    await db.execute(
      sql`select count(*)::int as n, round(sum(cost_usd)::numeric, 6)::float8 as cost, sum(latency_ms)::int as latency from calls`,
    ),
  )[0];
  expect(after).toEqual(before);
  const bodies = resultRows<{ n: number; joined: number }>(
    await db.execute(sql`
    select (select count(*) from call_bodies)::int as n,
           (select count(*) from call_bodies b join calls c on c.id = b.call_id and c.ts = b.ts)::int as joined`),
  )[0];
  expect(bodies).toEqual({ n: 20, joined: 20 });
  const stored = await findCallById(
    db,
    resultRows<{ id: string }>(await db.execute(sql`select md5('call30')::uuid::text as id`))[0].id,
  );
  expect(stored).toMatchObject({
    feature: 'old-feature',
    latencyMs: 130,
    prompt: 'prompt 30',
    completion: 'completion 30',
  });

  const partitioned = resultRows<{ relname: string }>(
    await db.execute(sql`
    select relname from pg_class where relkind = 'p' and relname in ('calls', 'call_bodies') order by relname`),
  );
  expect(partitioned.map((r) => r.relname)).toEqual(['call_bodies', 'calls']);
  // A partition for every day the rows touch, and for today and tomorrow.
  const days = new Set((await listCallPartitions(db)).filter((p) => p.table.startsWith('calls_')).map((p) => p.day));
  const now = Date.now();
  for (const at of [now - 118 * 3_600_000, now - 60 * 3_600_000, now, now + DAY_MS])
    expect(days).toContain(new Date(at).toISOString().slice(0, 10));
}

describe('migration 0003 (partitioned calls)', () => {
  it('keeps every call and body of a populated Postgres database', async () => {
    const created = await createTestDatabase('switchboard_test_0003');
    const database = await openDatabase({ url: created.url, max: 2 });
    try {
      await populateAndMigrate(database);
    } finally {
      await database.close();
      await created.drop();
    }
  });

  it('keeps every call and body of a populated embedded (PGlite) database', async () => {
    const database = await openDatabase({ dataDir: path.join(tmp, 'pglite') });
    try {
      await populateAndMigrate(database);
    } finally {
      await database.close();
    }
  });
});
