import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { calls, features, killSwitches } from '@/db/schema';
import type { Overview, OverviewFeature } from '@/lib/overview/overview';
import { rebuildRollups } from '@/lib/rollups/rebuild';
import { ensurePartitionsFor } from '@/lib/calls/partitions';
import { RELATIVE_ERROR } from '@/lib/rollups/histogram';
import { statusRank } from '@/lib/status/feature-status';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

const HOUR = 3_600_000;
const suffix = Date.now().toString(36);
const BUSY = `ov-busy-${suffix}`;
const KILLED = `ov-killed-${suffix}`;
const QUIET = `ov-quiet-${suffix}`;

interface CallSpec {
  hoursAgo: number;
  latencyMs: number;
  outcome?: 'ok' | 'error';
  costUsd?: number | null;
  environment?: string;
}

async function insertCalls(featureId: number, specs: CallSpec[]) {
  const { db } = await testDatabase();
  const now = Date.now();
  // Straight into the table, so the days' partitions are made here (ingestion would make them).
  await ensurePartitionsFor(
    db,
    specs.map((s) => new Date(now - s.hoursAgo * HOUR)),
  );
  await db.insert(calls).values(
    specs.map((s) => ({
      id: randomUUID(),
      featureId,
      ts: new Date(now - s.hoursAgo * HOUR),
      model: 'gpt-4o-mini',
      outcome: s.outcome ?? 'ok',
      errorType: s.outcome === 'error' ? ('timeout' as const) : null,
      route: 'primary' as const,
      latencyMs: s.latencyMs,
      costUsd: s.costUsd === undefined ? 0.0125 : s.costUsd,
      environment: s.environment ?? 'production',
    })),
  );
}

async function getOverview(query = '', token?: string): Promise<Response> {
  return fetch(`${baseUrl()}/api/v1/overview${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('GET /api/v1/overview', () => {
  let readKey: string;
  beforeAll(async () => {
    const { db } = await testDatabase();
    const rows = await db
      .insert(features)
      .values([{ key: BUSY }, { key: KILLED, name: 'Killed one' }, { key: QUIET }])
      .returning({ id: features.id, key: features.key });
    const id = Object.fromEntries(rows.map((r) => [r.key, r.id]));
    // BUSY: ten calls in the window (latency 100..1000 ms, two errors, one without a price) ...
    await insertCalls(
      id[BUSY],
      Array.from({ length: 10 }, (_, i) => ({
        hoursAgo: 0.5 + i * 2,
        latencyMs: (i + 1) * 100,
        outcome: i < 2 ? ('error' as const) : ('ok' as const),
        costUsd: i === 9 ? null : 0.0125,
      })),
    );
    // ... and calls that must not count: older than 24 h, or from staging.
    await insertCalls(id[BUSY], [
      { hoursAgo: 24.5, latencyMs: 99_999, outcome: 'error' },
      { hoursAgo: 30, latencyMs: 99_999, outcome: 'error' },
      { hoursAgo: 2, latencyMs: 50_000, outcome: 'error', environment: 'staging' },
    ]);
    await insertCalls(id[KILLED], [
      { hoursAgo: 0.5, latencyMs: 300 },
      { hoursAgo: 0.6, latencyMs: 500 },
    ]);
    await db.insert(killSwitches).values({
      featureId: id[KILLED],
      killed: true,
      reason: 'testing the overview',
      version: sql`nextval('switch_version_seq')`,
    });
    // The calls went straight into the table, past ingestion: build their rollups, as the CLI would.
    await rebuildRollups(db, { from: new Date(Date.now() - 31 * HOUR), to: new Date() });
    readKey = await createTestKey(['read']);
  });

  const find = (overview: Overview, key: string) => {
    const feature = overview.features.find((f) => f.key === key);
    expect(feature, `${key} in the overview`).toBeDefined();
    return feature as OverviewFeature;
  };

  it('answers each feature’s last 24 hours with exact figures', async () => {
    const res = await getOverview('', readKey);
    expect(res.status).toBe(200);
    const overview = (await res.json()) as Overview;
    expect(overview.environment).toBe('production');
    expect(Date.parse(overview.to) - Date.parse(overview.from)).toBe(24 * HOUR);

    const busy = find(overview, BUSY);
    expect(busy.calls).toBe(10);
    expect(busy.errors).toBe(2);
    expect(busy.errorRate).toBeCloseTo(0.2, 10);
    expect(busy.status).toBe('failing');
    // p95 of 100, 200, …, 1000 ms (interpolated): 955 ms, read from the rollups' histogram
    // within its stated relative error (√1.1 − 1 ≈ 4.9 %).
    expect(busy.p95LatencyMs).toBeGreaterThanOrEqual(955 * (1 - RELATIVE_ERROR));
    expect(busy.p95LatencyMs).toBeLessThanOrEqual(955 * (1 + RELATIVE_ERROR));
    expect(busy.costUsd).toBeCloseTo(9 * 0.0125, 10);
    expect(busy.uncostedCalls).toBe(1);
    expect(busy.switch).toEqual({ killed: false, reason: null, updatedAt: null });

    expect(busy.hourly!).toHaveLength(24);
    expect(busy.hourly!.reduce((n, h) => n + h.calls, 0)).toBe(10);
    expect(busy.hourly!.reduce((n, h) => n + h.errors, 0)).toBe(2);
    // Buckets are clock hours (the first starts at the window's start): the calls 0.5 h and 2.5 h
    // ago (the errors) land in theirs, the clock hour of 1.5 h ago had none, the last is the current hour.
    expect(busy.hourly![0].start).toBe(overview.from);
    expect(busy.hourly!.slice(1).every((h) => Date.parse(h.start) % HOUR === 0)).toBe(true);
    expect(Date.parse(busy.hourly![23].start)).toBe(Math.floor(Date.parse(overview.to) / HOUR) * HOUR);
    const bucketOf = (hoursAgo: number) =>
      busy.hourly!.findLastIndex((h) => Date.parse(h.start) <= Date.parse(overview.to) - hoursAgo * HOUR);
    expect(busy.hourly![bucketOf(0.5)]).toMatchObject({ calls: 1, errors: 1 });
    expect(busy.hourly![bucketOf(2.5)]).toMatchObject({ calls: 1, errors: 1 });
    expect(busy.hourly![bucketOf(1.5)]).toMatchObject({ calls: 0, errors: 0 });

    const quiet = find(overview, QUIET);
    expect(quiet).toMatchObject({
      calls: 0,
      errors: 0,
      errorRate: null,
      p95LatencyMs: null,
      costUsd: 0,
      status: 'no_traffic',
    });
    // A feature without a problem comes without its hourly series unless asked (the payload stays small).
    expect(quiet.hourly).toBeNull();
  });

  it('answers the hourly series of the features asked for, and only those features', async () => {
    const res = await getOverview(`?hourly=all&features=${QUIET},${BUSY},no-such-feature`, readKey);
    expect(res.status).toBe(200);
    const overview = (await res.json()) as Overview;
    expect(overview.features.map((f) => f.key).sort()).toEqual([BUSY, QUIET].sort());
    const quiet = find(overview, QUIET);
    expect(quiet.hourly).toHaveLength(24);
    expect(quiet.hourly!.every((h) => h.calls === 0)).toBe(true);
    expect(find(overview, BUSY).hourly!.reduce((n, h) => n + h.calls, 0)).toBe(10);

    const none = (await (await getOverview(`?hourly=none`, readKey)).json()) as Overview;
    expect(none.features.every((f) => f.hourly === null)).toBe(true);
    const bad = await getOverview('?hourly=some', readKey);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('hourly');
  });

  it('lists killed features first, then by error rate, features without traffic last', async () => {
    const overview = (await (await getOverview('', readKey)).json()) as Overview;
    const killed = find(overview, KILLED);
    expect(killed.status).toBe('killed');
    expect(killed.switch.killed).toBe(true);
    expect(killed.switch.reason).toBe('testing the overview');
    expect(Date.parse(killed.switch.updatedAt!)).toBeGreaterThan(Date.now() - 10 * 60_000);

    const keys = overview.features.map((f) => f.key);
    expect(keys.indexOf(KILLED)).toBeLessThan(keys.indexOf(BUSY));
    expect(keys.indexOf(BUSY)).toBeLessThan(keys.indexOf(QUIET));
    // Other suites' features may have SLOs (breached, burning): rank by the one order of statuses.
    const ranks = overview.features.map((f) => statusRank(f.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('counts one environment at a time', async () => {
    const overview = (await (await getOverview('?environment=staging', readKey)).json()) as Overview;
    expect(overview.environment).toBe('staging');
    const busy = find(overview, BUSY);
    expect(busy).toMatchObject({ calls: 1, errors: 1 });
    expect(Math.abs(busy.p95LatencyMs! - 50_000)).toBeLessThanOrEqual(50_000 * RELATIVE_ERROR);
    expect(find(overview, KILLED).calls).toBe(0);
    expect(overview.environments).toEqual(expect.arrayContaining(['production', 'staging']));
  });

  it('refuses missing, wrong and under-scoped keys', async () => {
    const none = await getOverview();
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('unauthorized');
    expect((await getOverview('', 'sb_not_a_real_key')).status).toBe(401);
    const ingestOnly = await createTestKey(['ingest']);
    const res = await getOverview('', ingestOnly);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('"read"');
  });

  it('answers 400 with the field for bad or unknown query parameters', async () => {
    const bad = await getOverview('?environment=' + encodeURIComponent('prod; drop table'), readKey);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.fieldErrors.environment).toBeDefined();

    const empty = await getOverview('?environment=', readKey);
    expect(empty.status).toBe(400);

    const unknown = await getOverview('?env=staging', readKey);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('env');
  });
});
