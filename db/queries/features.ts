import { eq, inArray, sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { features } from '../schema';

/** Creates the features that do not exist yet (first sight of a key); existing ones are untouched. */
export async function insertFeaturesIfAbsent(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .insert(features)
    .values(keys.map((key) => ({ key })))
    .onConflictDoNothing({ target: features.key });
}

export interface FeatureRef {
  id: number;
  storeBodies: boolean;
}

export async function featuresByKey(db: Db, keys: string[]): Promise<Map<string, FeatureRef>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ id: features.id, key: features.key, storeBodies: features.storeBodies })
    .from(features)
    .where(inArray(features.key, keys));
  return new Map(rows.map((r) => [r.key, { id: r.id, storeBodies: r.storeBodies }]));
}

/** Ids of the features whose prompts and completions must not be stored. */
export async function featureIdsWithoutBodies(db: Db): Promise<number[]> {
  const rows = await db.select({ id: features.id }).from(features).where(eq(features.storeBodies, false));
  return rows.map((r) => r.id);
}

/** Every feature key, alphabetically (for pickers). */
export async function listFeatureKeys(db: Db): Promise<string[]> {
  const rows = await db.select({ key: features.key }).from(features).orderBy(features.key);
  return rows.map((r) => r.key);
}

export async function findFeature(
  db: Db,
  key: string,
): Promise<{ id: number; key: string; name: string | null } | null> {
  const [row] = await db
    .select({ id: features.id, key: features.key, name: features.name })
    .from(features)
    .where(eq(features.key, key));
  return row ?? null;
}

/** The environments the feature ever had calls in (from the all-time rollups, a few rows), production first. */
export async function listFeatureEnvironments(db: Db, featureId: number): Promise<string[]> {
  const rows = resultRows<{ environment: string }>(
    await db.execute(sql`
    select environment from call_rollups_total where feature_id = ${featureId}
    group by environment order by (environment = 'production') desc, environment`),
  );
  return rows.map((r) => r.environment);
}
