// Raw calls live in daily partitions: retention drops old days of calls and bodies together and
// keeps the rollups; re-sent calls are stored and counted once.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '@/db/client';
import { listCallPartitions } from '@/db/queries/call-partitions';
import { ingestCalls, RESEND_WINDOW_MS } from '@/lib/ingest/ingest-calls';
import { postCalls, storedBodyIds, storedIds, testCall } from '../support/calls';
import { runCli } from '../support/cli';
import { createTestKey, rollupsCaughtUp, testDatabase } from '../support/system';

const DAY_MS = 86_400_000;
const suffix = Date.now().toString(36);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Rollup totals of a feature: what dashboards read. */
async function rollupTotals(feature: string): Promise<{ calls: number; cost: number }> {
  const { db } = await testDatabase();
  const rows = resultRows<{ calls: number; cost: number }>(
    await db.execute(sql`
    select coalesce(sum(r.calls), 0)::int as calls, coalesce(sum(r.cost_usd), 0)::float8 as cost
    from call_rollups r join features f on f.id = r.feature_id where f.key = ${feature}`),
  );
  return rows[0];
}

/** Stored rows (not distinct ids) of calls and bodies among `ids`. */
async function storedRows(ids: string[]): Promise<{ calls: number; bodies: number }> {
  const { db } = await testDatabase();
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = resultRows<{ calls: number; bodies: number }>(
    await db.execute(sql`
    select (select count(*) from calls where id in (${list}))::int as calls,
           (select count(*) from call_bodies where call_id in (${list}))::int as bodies`),
  );
  return rows[0];
}

async function partitionTables(): Promise<string[]> {
  const { db } = await testDatabase();
  return (await listCallPartitions(db)).map((p) => p.table);
}

describe('retention', () => {
  const feature = `ret-${suffix}`;
  const now = new Date();
  const oldAt = new Date(now.getTime() - 40 * DAY_MS);
  const oldDay = isoDay(oldAt).replaceAll('-', '');
  const oldCalls = [0, 1, 2].map((i) =>
    testCall({ feature, timestamp: new Date(oldAt.getTime() + i * 1000).toISOString(), costUsd: 0.5, prompt: 'old' }),
  );
  const newCalls = [0, 1].map(() => testCall({ feature, timestamp: now.toISOString(), costUsd: 0.25, prompt: 'new' }));

  beforeAll(async () => {
    const { db } = await testDatabase();
    // Sent 40 days ago (through the real ingestion path), so they were within retention then.
    expect(await ingestCalls(db, { calls: oldCalls }, { receivedAt: oldAt })).toMatchObject({
      accepted: 3,
      rejected: [],
    });
    expect(await ingestCalls(db, { calls: newCalls })).toMatchObject({ accepted: 2, rejected: [] });
    await rollupsCaughtUp();
  });

  it('made partitions of both tables for each day the calls touch', async () => {
    const tables = await partitionTables();
    expect(tables).toEqual(expect.arrayContaining([`calls_p${oldDay}`, `call_bodies_p${oldDay}`]));
    expect(await storedRows(oldCalls.map((c) => c.id))).toEqual({ calls: 3, bodies: 3 });
  });

  it('lists in a dry run what `switchboard retention` would drop, and drops nothing', async () => {
    const res = await runCli(['retention', '--dry-run']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Keeping 30 days');
    expect(res.stdout).toContain('Would drop');
    expect(res.stdout).toContain(`calls_p${oldDay}`);
    expect(await storedRows(oldCalls.map((c) => c.id))).toEqual({ calls: 3, bodies: 3 });
  });

  it('drops the old days of calls and bodies, keeps recent days, today, tomorrow and every rollup', async () => {
    expect(await rollupTotals(feature)).toEqual({ calls: 5, cost: 2 });
    const res = await runCli(['retention']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`Dropped \\d+ days?:`));
    expect(res.stdout).toContain(`call_bodies_p${oldDay}, calls_p${oldDay}`);

    const tables = await partitionTables();
    expect(tables).not.toContain(`calls_p${oldDay}`);
    expect(tables).not.toContain(`call_bodies_p${oldDay}`);
    const today = isoDay(now).replaceAll('-', '');
    const tomorrow = isoDay(new Date(now.getTime() + DAY_MS)).replaceAll('-', '');
    expect(tables).toEqual(
      expect.arrayContaining([
        `calls_p${today}`,
        `call_bodies_p${today}`,
        `calls_p${tomorrow}`,
        `call_bodies_p${tomorrow}`,
      ]),
    );
    expect(await storedRows(oldCalls.map((c) => c.id))).toEqual({ calls: 0, bodies: 0 });
    expect(await storedIds(newCalls.map((c) => c.id))).toEqual(newCalls.map((c) => c.id).sort());
    expect(await storedBodyIds(newCalls.map((c) => c.id))).toEqual(newCalls.map((c) => c.id).sort());
    expect(await rollupTotals(feature)).toEqual({ calls: 5, cost: 2 });

    const again = await runCli(['retention']);
    expect(again.stdout).toContain('Nothing to drop.');
  });

  it('keeps the rollups of dropped days when they are rebuilt for all time', async () => {
    const res = await runCli(['rollups', 'rebuild']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Rebuilt \d+ rollup rows? from /);
    expect(await rollupTotals(feature)).toEqual({ calls: 5, cost: 2 });
  });

  it('checks --days', async () => {
    for (const days of ['0', 'soon', '1.5']) {
      const res = await runCli(['retention', '--days', days]);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/--days: must be/);
    }
  });

  it('refuses calls older than the retention period, item by item, and stores the others', async () => {
    const key = await createTestKey(['ingest'], 'retention-tests');
    const tooOld = testCall({ feature, timestamp: new Date(now.getTime() - 35 * DAY_MS).toISOString() });
    const recent = testCall({ feature, timestamp: new Date(now.getTime() - 20 * DAY_MS).toISOString() });
    const res = await postCalls(key, { calls: [tooOld, recent] });
    expect(res.status).toBe(207);
    const body = await res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      {
        index: 0,
        id: tooOld.id,
        errors: [
          expect.stringMatching(
            /^timestamp: is older than the 30-day retention period \(calls before \S+ are not kept\)$/,
          ),
        ],
      },
    ]);
    expect(await storedIds([tooOld.id, recent.id])).toEqual([recent.id]);
  });
});

describe('re-sent calls', () => {
  const feature = `resend-${suffix}`;
  let key: string;
  beforeAll(async () => {
    key = await createTestKey(['ingest'], 'resend-tests');
  });

  it('are stored and counted once, with and without a timestamp', async () => {
    const timed = testCall({ feature, timestamp: new Date().toISOString(), costUsd: 1, prompt: 'p' });
    const untimed = testCall({ feature, costUsd: 1, prompt: 'p' });
    const first = await postCalls(key, { calls: [timed, untimed] });
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    // A few ms later: the untimed call would get another receipt time, hence another ts.
    await new Promise((r) => setTimeout(r, 20));
    const second = await postCalls(key, { calls: [untimed, timed, untimed] });
    expect(await second.json()).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
    expect(await storedRows([timed.id, untimed.id])).toEqual({ calls: 2, bodies: 2 });
    await rollupsCaughtUp();
    expect(await rollupTotals(feature)).toEqual({ calls: 2, cost: 2 });
  });

  it('without a timestamp, are matched by id over the last 24 hours only', async () => {
    const { db } = await testDatabase();
    const untimed = testCall({ feature: `${feature}-window`, id: randomUUID() });
    const sentAt = new Date(Date.now() - RESEND_WINDOW_MS - 60_000);
    expect(await ingestCalls(db, { calls: [untimed] }, { receivedAt: sentAt })).toMatchObject({ accepted: 1 });
    expect(
      await ingestCalls(db, { calls: [untimed] }, { receivedAt: new Date(sentAt.getTime() + RESEND_WINDOW_MS - 1000) }),
    ).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await ingestCalls(db, { calls: [untimed] })).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await storedRows([untimed.id])).calls).toBe(2);
  });
});
