// The dashboards' rollup caches (lib/rollups/bucket-cache.ts) never show old figures once a change
// is committed: a late call for an old hour shows as soon as it is counted, in the process whose
// aggregator pass counted it and, by NOTIFY, in another that had cached the hour; a rebuild
// elsewhere empties the server's.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { calls } from '@/db/schema';
import { findFeature } from '@/db/queries/features';
import { followRollupChanges } from '@/lib/rollups/bucket-cache';
import { getOverview } from '@/lib/overview/overview';
import { rebuildRollups } from '@/lib/rollups/rebuild';
import { readSliWindowCounts } from '@/lib/rollups/sli-counts';
import { ensurePartitionsFor } from '@/lib/calls/partitions';
import type { Slo } from '@/lib/validations/slo';
import { createFeature } from '../support/switches';
import { callsAt, ingest, minutesAfter } from '../support/slo-traffic';
import { baseUrl, createTestKey, rollupsCaughtUp, testDatabase } from '../support/system';

const SLO: Slo = {
  name: 'up',
  sli: 'availability',
  countFallbackAsGood: true,
  objective: 0.99,
  window: '7d',
  environment: 'production',
};

describe('rollup caches', () => {
  let key: string;
  let featureId: number;
  let readKey: string;

  /** Calls of the feature over 24 h: the server's overview, the server's stats, and this process's overview and SLI counts. */
  async function figures() {
    const { db } = await testDatabase();
    const auth = { headers: { authorization: `Bearer ${readKey}` } };
    const overview = await (await fetch(`${baseUrl()}/api/v1/overview`, auth)).json();
    const stats = await (await fetch(`${baseUrl()}/api/v1/features/${key}/stats?range=24h`, auth)).json();
    const here = await getOverview(db, { now: new Date() });
    const [counts] = await readSliWindowCounts(db, { now: new Date(), targets: [{ featureId, slo: SLO }] });
    return {
      server: overview.features.find((f: { key: string }) => f.key === key).calls,
      stats: stats.totals.calls,
      here: here.features.find((f) => f.key === key)!.calls,
      sli: counts['24h'].total,
    };
  }

  beforeAll(async () => {
    const database = await testDatabase();
    await followRollupChanges(database);
    readKey = await createTestKey(['read'], 'rollup-cache');
    key = await createFeature('cache');
    featureId = (await findFeature(database.db, key))!.id;
    await ingest([
      ...callsAt(key, minutesAfter(new Date(), -180), 4),
      ...callsAt(key, minutesAfter(new Date(), -20), 2),
    ]);
  });

  it('shows a late call for a cached hour at once, here and in the server', async () => {
    expect(await figures()).toEqual({ server: 6, stats: 6, here: 6, sli: 6 });
    expect(await figures()).toEqual({ server: 6, stats: 6, here: 6, sli: 6 }); // now from the caches
    await ingest([
      ...callsAt(key, minutesAfter(new Date(), -181), 1),
      ...callsAt(key, minutesAfter(new Date(), -21), 1),
    ]);
    // Whichever process's aggregator pass counted them drops its caches directly; the other one
    // hears it by NOTIFY.
    await expect.poll(figures, { timeout: 3000, interval: 100 }).toEqual({ server: 8, stats: 8, here: 8, sli: 8 });
  });

  it('empties the server caches when another process rebuilds the rollups', async () => {
    const { db } = await testDatabase();
    await figures();
    const ts = minutesAfter(new Date(), -240);
    await ensurePartitionsFor(db, [ts]);
    // Loaded as a bulk load with its rollups would be (no ingest_xid): not counted until a rebuild.
    await db.insert(calls).values({
      id: randomUUID(),
      featureId,
      ts,
      model: 'gpt-4o-mini',
      outcome: 'ok',
      route: 'primary',
      latencyMs: 100,
      environment: 'production',
      ingestXid: null,
    });
    await rollupsCaughtUp();
    expect((await figures()).server).toBe(8);
    await rebuildRollups(db, { from: minutesAfter(ts, -60), to: new Date() });
    await expect.poll(figures, { timeout: 3000, interval: 100 }).toEqual({ server: 9, stats: 9, here: 9, sli: 9 });
  });
});
