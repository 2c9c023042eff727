// Each SLI counted in SQL from the rollups (db/queries/sli.ts, read by lib/rollups/sli-counts.ts):
// availability on any route or the primary only (killed-route calls bad unless any route counts),
// latency total and TTFT, online scores, cost, eval runs; the windows' edges; and the hourly
// burn-down series.
import { beforeAll, describe, expect, it } from 'vitest';
import { evalRuns } from '@/db/schema';
import { readSliWindowCounts, sloBurnDownBuckets } from '@/lib/rollups/sli-counts';
import { findFeature } from '@/db/queries/features';
import type { Slo } from '@/lib/validations/slo';
import { createFeature } from '../support/switches';
import { callsAt, ingest, minutesAfter } from '../support/slo-traffic';
import { testDatabase } from '../support/system';

const base = { objective: 0.99, window: '7d', environment: 'production' } as const;
const SLOS: Record<string, Slo> = {
  anyRoute: { ...base, name: 'any', sli: 'availability', countFallbackAsGood: true },
  primary: { ...base, name: 'primary', sli: 'availability', countFallbackAsGood: false },
  latency: { ...base, name: 'fast', sli: 'latency', measure: 'total', thresholdMs: 1000 },
  ttft: { ...base, name: 'first-token', sli: 'latency', measure: 'ttft', thresholdMs: 300 },
  scores: { ...base, name: 'scored', sli: 'accuracy', source: 'scores', minScore: 0.7 },
  cost: { ...base, name: 'cheap', sli: 'cost', maxCostUsd: 0.02 },
  evals: { ...base, name: 'evals', sli: 'accuracy', source: 'evals' },
  staging: { ...base, name: 'staging', sli: 'availability', countFallbackAsGood: true, environment: 'staging' },
};

describe('readSliWindowCounts', () => {
  let featureId: number;
  let t0: Date;
  beforeAll(async () => {
    const { db } = await testDatabase();
    const key = await createFeature('sli');
    featureId = (await findFeature(db, key))!.id;
    t0 = new Date();
    const at = minutesAfter(t0, -10);
    await ingest([
      ...callsAt(key, at, 6, { latencyMs: 200, ttftMs: 100, score: 0.9, costUsd: 0.001 }),
      ...callsAt(key, at, 2, { route: 'fallback', latencyMs: 2000, ttftMs: 500, score: 0.5, costUsd: 0.05 }),
      ...callsAt(key, at, 1, { route: 'killed', latencyMs: 1 }),
      ...callsAt(key, at, 1, { outcome: 'error', errorType: 'timeout', latencyMs: 30_000 }),
      // Four hours ago: only in the windows of 6 h and longer.
      ...callsAt(key, minutesAfter(t0, -240), 10, { latencyMs: 200 }),
      ...callsAt(key, at, 3, { environment: 'staging', outcome: 'error', errorType: 'timeout' }),
    ]);
    await db.insert(evalRuns).values([
      { featureId, startedAt: minutesAfter(t0, -20), total: 40, passed: 36, passRate: 0.9 },
      { featureId, startedAt: minutesAfter(t0, -3 * 24 * 60), total: 10, passed: 10, passRate: 1 },
    ]);
  });

  it('counts each SLI over the short windows and the SLO window', async () => {
    const { db } = await testDatabase();
    const names = Object.keys(SLOS);
    const counts = await readSliWindowCounts(db, { now: t0, targets: names.map((n) => ({ featureId, slo: SLOS[n] })) });
    const at = (name: string) => counts[names.indexOf(name)];

    expect(at('anyRoute')['30m']).toEqual({ good: 9, total: 10 });
    expect(at('anyRoute')['2h']).toEqual({ good: 9, total: 10 });
    expect(at('anyRoute')['6h']).toEqual({ good: 19, total: 20 });
    expect(at('anyRoute').slo).toEqual({ good: 19, total: 20 });
    expect(at('anyRoute')['5m']).toEqual({ good: 0, total: 0 });
    expect(at('primary')['1h']).toEqual({ good: 6, total: 10 });
    expect(at('latency')['1h']).toEqual({ good: 7, total: 10 });
    expect(at('ttft')['1h']).toEqual({ good: 6, total: 8 });
    expect(at('scores')['1h']).toEqual({ good: 6, total: 8 });
    expect(at('cost')['1h']).toEqual({ good: 6, total: 8 });
    expect(at('evals')['1h']).toEqual({ good: 36, total: 40 });
    expect(at('evals')['3d']).toEqual({ good: 36, total: 40 });
    expect(at('evals').slo).toEqual({ good: 46, total: 50 });
    expect(at('staging')['1h']).toEqual({ good: 0, total: 3 });
  });

  it('answers the same from the hour cache, also an hour later', async () => {
    const { db } = await testDatabase();
    const targets = [{ featureId, slo: SLOS.anyRoute }];
    const [first] = await readSliWindowCounts(db, { now: t0, targets });
    const [again] = await readSliWindowCounts(db, { now: t0, targets });
    expect(again).toEqual(first);
    const [later] = await readSliWindowCounts(db, { now: minutesAfter(t0, 60), targets });
    expect(later['30m']).toEqual({ good: 0, total: 0 });
    expect(later['2h']).toEqual({ good: 9, total: 10 });
    expect(later['6h']).toEqual({ good: 19, total: 20 });
    expect(later.slo).toEqual({ good: 19, total: 20 });
  });

  it('gives the burn-down its good/total per hour, adding up to the SLO window', async () => {
    const { db } = await testDatabase();
    const buckets = await sloBurnDownBuckets(db, { featureId, slo: SLOS.anyRoute, now: t0 });
    expect(
      buckets.reduce((s, b) => ({ good: s.good + b.good, total: s.total + b.total }), { good: 0, total: 0 }),
    ).toEqual({ good: 19, total: 20 });
    expect(buckets.every((b) => b.start.getTime() % 3_600_000 === 0)).toBe(true);
    const evals = await sloBurnDownBuckets(db, { featureId, slo: SLOS.evals, now: t0 });
    expect(evals.reduce((s, b) => s + b.total, 0)).toBe(50);
  });
});
