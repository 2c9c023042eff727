// The rollup rows behind a feature's stats (GET /api/v1/features/{key}/stats); lib/stats shapes them.
import { eq, sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { features } from '../schema';
import { HOUR_MS } from '@/lib/time/units';
import type { MinuteRange } from './rollup-source';
import { readRollupRows, type RollupRow } from './rollup-rows';

/** One bucket of one route (models merged). */
export type FeatureStatsRow = RollupRow;

export async function findFeature(db: Db, key: string): Promise<{ id: number; key: string; name: string | null } | null> {
  const [row] = await db.select({ id: features.id, key: features.key, name: features.name }).from(features).where(eq(features.key, key));
  return row ?? null;
}

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

/** The environments the feature ever had calls in (from the all-time rollups, a few rows), production first. */
export async function listFeatureEnvironments(db: Db, featureId: number): Promise<string[]> {
  const rows = resultRows<{ environment: string }>(await db.execute(sql`
    select environment from call_rollups_total where feature_id = ${featureId}
    group by environment order by (environment = 'production') desc, environment`));
  return rows.map((r) => r.environment);
}
