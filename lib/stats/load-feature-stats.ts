// Reads and shapes a feature's stats over a range: what the stats API answers and the feature page charts.
import type { Db } from '@/db';
import { minuteRange } from '@/db/queries/rollup-source';
import { readFeatureRollups } from './feature-rollups';
import { shapeFeatureStats, statsStepMs, type FeatureStats } from './feature-stats';

export async function loadFeatureStats(
  db: Db,
  params: { feature: { id: number; key: string }; environment: string; from: Date; to: Date },
): Promise<FeatureStats> {
  const { feature, environment } = params;
  const range = minuteRange(params.from, params.to);
  const stepMs = statsStepMs(params.to.getTime() - params.from.getTime());
  const rows = await readFeatureRollups(db, { featureId: feature.id, environment, range, stepMs });
  return shapeFeatureStats(rows, { feature: feature.key, environment, from: range.from, to: range.to, stepMs });
}
