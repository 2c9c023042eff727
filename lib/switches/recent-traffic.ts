// Each feature's calls, errors and p95 latency over a short recent window (the switches page's
// "last hour"), from the minute rollups (db/queries/recent-traffic.ts).
import type { Db } from '@/db';
import { listRecentRollups, type RecentRollupRow } from '@/db/queries/recent-traffic';
import { mergeHistograms, quantile } from '@/lib/rollups/histogram';

export interface RecentTraffic {
  calls: number;
  errors: number;
  /** errors / calls; null without calls. */
  errorRate: number | null;
  /** From the merged log histogram (within about 4.9 %); null without calls. */
  p95LatencyMs: number | null;
}

/** Feature key → its traffic; features without calls in the window are absent. */
export async function readRecentTraffic(
  db: Db,
  params: { environment: string; from: Date; to: Date },
): Promise<Record<string, RecentTraffic>> {
  const rows = await listRecentRollups(db, params);
  const byFeature = new Map<string, RecentRollupRow[]>();
  for (const row of rows) byFeature.set(row.key, [...(byFeature.get(row.key) ?? []), row]);
  const traffic: Record<string, RecentTraffic> = {};
  for (const [key, list] of byFeature) {
    const calls = list.reduce((n, r) => n + r.calls, 0);
    const errors = list.reduce((n, r) => n + r.errors, 0);
    traffic[key] = {
      calls,
      errors,
      errorRate: calls > 0 ? errors / calls : null,
      p95LatencyMs: calls > 0 ? quantile(mergeHistograms(...list.map((r) => r.latencyHist)), 0.95) : null,
    };
  }
  return traffic;
}
