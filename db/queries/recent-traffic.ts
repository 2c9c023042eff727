// Each feature's minute rollup rows over a short recent window, in one environment: what
// lib/switches/recent-traffic.ts sums into the switches page's "last hour".
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { features } from '../schema';
import { minuteRange, rollupSource } from './rollup-source';

export interface RecentRollupRow {
  /** The feature's key. */
  key: string;
  calls: number;
  errors: number;
  latencyHist: number[];
}

/** One row per feature, minute, model and route that had calls; unsorted. */
export async function listRecentRollups(
  db: Db,
  params: { environment: string; from: Date; to: Date },
): Promise<RecentRollupRow[]> {
  return resultRows<RecentRollupRow>(
    await db.execute(sql`
    select f.key, r.calls, r.error_calls as errors, r.latency_hist as "latencyHist"
    from ${rollupSource(minuteRange(params.from, params.to), { minutesOnly: true })} r
    join ${features} f on f.id = r.feature_id
    where r.environment = ${params.environment}`),
  );
}
