// The rollup rows behind a feature's stats (GET /api/v1/features/{key}/stats), through the
// dashboards' cached read (lib/rollups/rollup-rows.ts); ./feature-stats.ts shapes them.
import type { Db } from '@/db';
import type { RollupRow } from '@/db/queries/rollup-rows';
import type { MinuteRange } from '@/db/queries/rollup-source';
import { readRollupRows } from '@/lib/rollups/rollup-rows';
import { HOUR_MS } from '@/lib/time/units';

/** One bucket of one route (models merged). */
export type FeatureStatsRow = RollupRow;

/**
 * A feature's rollup rows in one environment over a range, per bucket and route. Series steps of
 * an hour or more read hourly rows (a step is a whole number of clock hours, so none straddles a
 * step); finer steps read minute rows.
 */
export async function readFeatureRollups(
  db: Db,
  params: { featureId: number; environment: string; range: MinuteRange; stepMs: number },
): Promise<FeatureStatsRow[]> {
  const rows = await readRollupRows(db, {
    featureIds: [params.featureId],
    environment: params.environment,
    range: params.range,
    minutesOnly: params.stepMs < HOUR_MS,
  });
  return rows.get(params.featureId)!;
}
