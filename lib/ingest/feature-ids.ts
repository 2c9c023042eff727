// Feature key → id, remembered per database handle: a feature is created on the first sight of
// its key and its id never changes, so known keys cost no query at all.
import type { Db } from '@/db';
import { featuresByKey, insertFeaturesIfAbsent, type FeatureRef } from '@/db/queries/features';

const MAX_REMEMBERED = 10_000;
const known = new WeakMap<Db, Map<string, number>>();

export function knownFeatureIds(db: Db): ReadonlyMap<string, number> {
  let ids = known.get(db);
  if (!ids) known.set(db, (ids = new Map()));
  return ids;
}

/**
 * The features of keys not known yet, creating the missing ones. Runs inside the caller's
 * transaction (`tx`), so features of a batch that fails are not left behind.
 */
export async function createOrFindFeatures(tx: Db, keys: string[]): Promise<Map<string, FeatureRef>> {
  if (keys.length === 0) return new Map();
  await insertFeaturesIfAbsent(tx, keys);
  const ids = await featuresByKey(tx, keys);
  const missing = keys.filter((k) => !ids.has(k));
  if (missing.length) throw new Error(`Features ${missing.join(', ')} could not be created.`);
  return ids;
}

/** Call after the transaction that created or found `ids` has committed. */
export function rememberFeatureIds(db: Db, features: Map<string, FeatureRef>): void {
  const map = knownFeatureIds(db) as Map<string, number>;
  if (map.size + features.size > MAX_REMEMBERED) map.clear();
  for (const [key, feature] of features) map.set(key, feature.id);
}

export function forgetFeatureIds(db: Db): void {
  known.delete(db);
}
