// A feature and its environments, for its stats (GET /api/v1/features/{key}/stats).
import { eq, sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { features } from '../schema';

export async function findFeature(db: Db, key: string): Promise<{ id: number; key: string; name: string | null } | null> {
  const [row] = await db.select({ id: features.id, key: features.key, name: features.name }).from(features).where(eq(features.key, key));
  return row ?? null;
}

/** The environments the feature ever had calls in (from the all-time rollups, a few rows), production first. */
export async function listFeatureEnvironments(db: Db, featureId: number): Promise<string[]> {
  const rows = resultRows<{ environment: string }>(await db.execute(sql`
    select environment from call_rollups_total where feature_id = ${featureId}
    group by environment order by (environment = 'production') desc, environment`));
  return rows.map((r) => r.environment);
}
