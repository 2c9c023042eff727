// Spend per clock hour of each feature (all environments: a budget counts every dollar a feature
// spends), for cost budgets, the month-end forecast and spike detection. Settled hours come from
// the process's bucket cache when it has them (./bucket-cache.ts); the SQL is
// db/queries/feature-costs.ts.
import type { Db } from '@/db';
import { listHourlyCosts, readFirstRollupHours, type HourlyCost } from '@/db/queries/feature-costs';
import { freshAsOf } from '@/db/replica';
import type { CostBucket } from '@/lib/budgets/periods';
import { HOUR_MS } from '@/lib/time/units';
import { bucketStarts, HOUR_BUCKETS, rollupCache } from './bucket-cache';

export interface FeatureCosts {
  /** One per hour with spend, oldest first. */
  buckets: CostBucket[];
  /** The hour of the feature's first rollup row ever: the start of its cost history. */
  since: Date | null;
}

const costCache = rollupCache<number>('cost-hours', HOUR_BUCKETS);

export async function readHourlyCosts(
  db: Db,
  params: { featureIds: readonly number[]; from: Date; to: Date },
): Promise<Map<number, FeatureCosts>> {
  const out = new Map<number, FeatureCosts>();
  if (params.featureIds.length === 0) return out;
  const from = Math.floor(params.from.getTime() / HOUR_MS) * HOUR_MS;
  const to = params.to.getTime();
  const starts = bucketStarts(from, to, HOUR_MS);
  const fresh = freshAsOf(db);
  const features = params.featureIds.map((id) => ({
    id,
    generation: costCache.generation(id),
    ...costCache.lookup(id, '', starts),
  }));
  const reading = features.filter((f) => f.missing.length > 0);
  const readFrom = reading.map((f) => ({ featureId: f.id, from: f.missing[0] }));
  const [hours, firstMs] = await Promise.all([
    reading.length === 0 ? ([] as HourlyCost[]) : listHourlyCosts(db, { features: readFrom, to }),
    readFirstRollupHours(db, params.featureIds),
  ]);
  const fetched = new Map<number, Map<number, number>>();
  for (const hour of hours) {
    let costs = fetched.get(hour.featureId);
    if (!costs) fetched.set(hour.featureId, (costs = new Map()));
    costs.set(hour.startMs, hour.costUsd);
  }
  for (const f of features) {
    // A fetched hour without a row had no spend: cached as 0 so that it is not fetched again.
    const read = fetched.get(f.id);
    const missing = new Map(f.missing.map((start) => [start, read?.get(start) ?? 0]));
    costCache.store(f.id, '', missing, { generation: f.generation, freshAsOf: fresh });
    const buckets: CostBucket[] = [];
    starts.forEach((start, k) => {
      const costUsd = f.values[k] ?? missing.get(start) ?? 0;
      if (costUsd !== 0) buckets.push({ start: new Date(start), costUsd });
    });
    const first = firstMs.get(f.id);
    out.set(f.id, { buckets, since: first === null || first === undefined ? null : new Date(first) });
  }
  return out;
}
