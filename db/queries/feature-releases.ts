// The first sighting of each release of a feature (feature_releases): written at ingest, read as
// markers on the feature page's charts.
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../client';
import { featureReleases } from '../schema';

export type FeatureRelease = typeof featureReleases.$inferInsert;

/** Adds releases not seen before; a release already stored keeps its first sighting. */
export async function insertFeatureReleases(db: Db, releases: FeatureRelease[]): Promise<void> {
  if (releases.length === 0) return;
  await db.insert(featureReleases).values(releases).onConflictDoNothing();
}

/** Releases first seen in [from, to] in one environment, oldest first. */
export async function listFeatureReleases(
  db: Db,
  params: { featureId: number; environment: string; from: Date; to: Date; limit: number },
): Promise<{ release: string; firstSeenAt: Date }[]> {
  return db
    .select({ release: featureReleases.release, firstSeenAt: featureReleases.firstSeenAt })
    .from(featureReleases)
    .where(
      and(
        eq(featureReleases.featureId, params.featureId),
        eq(featureReleases.environment, params.environment),
        gte(featureReleases.firstSeenAt, params.from),
        lte(featureReleases.firstSeenAt, params.to),
      ),
    )
    .orderBy(asc(featureReleases.firstSeenAt))
    .limit(params.limit);
}
