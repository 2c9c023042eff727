// Each feature's status *now*, as the overview decides it (its 24 hours, its SLOs, its switch):
// the feature page's badge, the switches page, the health API and the Prometheus gauge read it
// here, so that no screen can show another status than the overview's (docs/overview.md).
import type { Db } from '@/db/client';
import { getOverview } from '@/lib/overview/overview';
import type { FeatureStatus } from './feature-status';

export async function readCurrentStatuses(
  db: Db,
  params: { now: Date; environment?: string; featureKeys?: readonly string[] },
): Promise<Map<string, FeatureStatus>> {
  const overview = await getOverview(db, { ...params, hourly: 'none' });
  return new Map(overview.features.map((f) => [f.key, f.status]));
}
