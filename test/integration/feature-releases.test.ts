// Release markers: ingestion records the first call of each release per feature and environment
// (feature_releases), and the feature page reads those inside its range.
import { describe, expect, it } from 'vitest';
import { findFeature } from '@/db/queries/features';
import { listFeatureReleases } from '@/db/queries/feature-releases';
import { createFeature } from '../support/switches';
import { callsAt, ingest, minutesAfter } from '../support/slo-traffic';
import { testDatabase } from '../support/system';

describe('feature releases', () => {
  it('keeps the first sighting of each release, per environment', async () => {
    const { db } = await testDatabase();
    const key = await createFeature('releases');
    const featureId = (await findFeature(db, key))!.id;
    const t0 = new Date();
    await ingest([
      ...callsAt(key, minutesAfter(t0, -30), 2, { release: 'r1' }),
      ...callsAt(key, minutesAfter(t0, -20), 2, { release: 'r1' }),
      ...callsAt(key, minutesAfter(t0, -25), 1, { release: 'r1', environment: 'staging' }),
      ...callsAt(key, minutesAfter(t0, -10), 1),
    ]);
    // A later batch: r1 again (even a straggler from before its first sighting) and a new r2.
    await ingest([
      ...callsAt(key, minutesAfter(t0, -40), 1, { release: 'r1' }),
      ...callsAt(key, minutesAfter(t0, -5), 3, { release: 'r2' }),
    ]);

    const read = (environment: string, from: Date) =>
      listFeatureReleases(db, { featureId, environment, from, to: t0, limit: 10 }).then((rows) =>
        rows.map((r) => [r.release, r.firstSeenAt.toISOString()]),
      );
    expect(await read('production', minutesAfter(t0, -60))).toEqual([
      ['r1', minutesAfter(t0, -30).toISOString()],
      ['r2', minutesAfter(t0, -5).toISOString()],
    ]);
    expect(await read('production', minutesAfter(t0, -15))).toEqual([['r2', minutesAfter(t0, -5).toISOString()]]);
    expect(await read('staging', minutesAfter(t0, -60))).toEqual([['r1', minutesAfter(t0, -25).toISOString()]]);
  });
});
