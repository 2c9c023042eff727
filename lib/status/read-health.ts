// A feature's health now as GET /api/v1/features/{key}/health answers it; the SLO page shows the
// same object, so the two never disagree. Null for an unknown feature.
import type { Db } from '@/db';
import { listAlerts } from '@/db/queries/alerts';
import { evaluateFeatureHealth } from './feature-health';
import { toHealthJson, type HealthJson } from './health-json';

export async function readHealthJson(db: Db, key: string, now = new Date()): Promise<HealthJson | null> {
  const [[health], firing] = await Promise.all([
    evaluateFeatureHealth(db, { now, featureKeys: [key] }),
    listAlerts(db, { state: 'firing', feature: key }),
  ]);
  return health ? toHealthJson(health, firing, now) : null;
}
