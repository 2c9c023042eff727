// Each feature's calls, errors and p95 latency over a short recent window (the switches page's
// "last hour"), from the minute rollups.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { features } from '../schema';
import { minuteRange, rollupSource } from './rollup-source';
import { mergeHistograms, quantile } from '@/lib/rollups/histogram';

export interface RecentTraffic {
  calls: number;
  errors: number;
  /** errors / calls; null without calls. */
  errorRate: number | null;
  /** From the merged log histogram (within about 4.9 %); null without calls. */
  p95LatencyMs: number | null;
}

export async function readRecentTraffic(db: Db, params: { environment: string; from: Date; to: Date }): Promise<Record<string, RecentTraffic>> {
  const rows = resultRows<{ key: string; calls: number; errors: number; latency_hist: number[] }>(await db.execute(sql`
    select f.key, r.calls, r.error_calls as errors, r.latency_hist
    from ${rollupSource(minuteRange(params.from, params.to), { minutesOnly: true })} r
    join ${features} f on f.id = r.feature_id
    where r.environment = ${params.environment}`));
  const byFeature = new Map<string, typeof rows>();
  for (const row of rows) byFeature.set(row.key, [...(byFeature.get(row.key) ?? []), row]);
  const traffic: Record<string, RecentTraffic> = {};
  for (const [key, list] of byFeature) {
    const calls = list.reduce((n, r) => n + r.calls, 0);
    const errors = list.reduce((n, r) => n + r.errors, 0);
    traffic[key] = {
      calls,
      errors,
      errorRate: calls > 0 ? errors / calls : null,
      p95LatencyMs: calls > 0 ? quantile(mergeHistograms(...list.map((r) => r.latency_hist)), 0.95) : null,
    };
  }
  return traffic;
}
