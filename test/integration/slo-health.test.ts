// SLIs counted from ingested calls: GET /api/v1/features/{key}/health shows the burn rates, budget
// remaining and cost budgets that a known error ratio at known times must give.
import { beforeAll, describe, expect, it } from 'vitest';
import { utcMonthStart } from '@/lib/budgets/periods';
import { createFeature } from '../support/switches';
import { callsAt, evaluationRound, getHealth, ingest, minutesAfter, putSloDocument } from '../support/slo-traffic';
import { createTestKey } from '../support/system';

const DAY = 86_400_000;
type Health = {
  slos: {
    name: string;
    compliance: number;
    errorBudgetRemaining: number;
    burnRates: Record<string, number | null>;
    alerts: { severity: string; since: string }[];
  }[];
  budgets: {
    todayUsd: number;
    monthUsd: number;
    daily: { spentUsd: number; limitUsd: number; thresholdsCrossed: number[] };
    monthly: { spentUsd: number };
    forecast: { monthEndUsd: number };
    spike: { state: string };
  };
};

describe('GET /api/v1/features/{key}/health', () => {
  let feature: string;
  let t0: Date;
  beforeAll(async () => {
    feature = await createFeature('health');
    await putSloDocument(feature, {
      slos: [
        { name: 'up', sli: 'availability', objective: 0.99, window: '30d' },
        { name: 'fast', sli: 'latency', measure: 'total', thresholdMs: 1000, objective: 0.9, window: '7d' },
        { name: 'cheap', sli: 'cost', maxCostUsd: 0.02, objective: 0.99, window: '30d' },
        { name: 'staging-up', sli: 'availability', objective: 0.99, window: '30d', environment: 'staging' },
      ],
      budgets: { dailyUsd: 10, monthlyUsd: 100, thresholds: [0.5, 1] },
    });
    t0 = new Date();
    // Two days ago: 1,980 good calls. Two minutes ago: 10 good (but dear) and 10 failed and slow.
    await ingest([
      ...callsAt(feature, new Date(t0.getTime() - 2 * DAY), 1980, { latencyMs: 200, costUsd: 0.001 }),
      ...callsAt(feature, minutesAfter(t0, -2), 10, { latencyMs: 200, costUsd: 0.6 }),
      ...callsAt(feature, minutesAfter(t0, -2), 10, { outcome: 'error', errorType: 'server_error', latencyMs: 5000 }),
    ]);
  });

  it('answers every SLO with compliance, budget remaining and the burn rates of each window', async () => {
    const res = await getHealth(feature);
    expect(res.status).toBe(200);
    const health = (await res.json()) as Health;
    const slo = (name: string) => health.slos.find((s) => s.name === name)!;
    const recent = ['5m', '30m', '1h', '2h', '6h', '24h'];

    // Availability 99%: 10 bad of 2,000 over the window, 10 of 20 recently.
    expect(slo('up').compliance).toBeCloseTo(0.995, 9);
    expect(slo('up').errorBudgetRemaining).toBeCloseTo(0.5, 9);
    for (const w of recent) expect(slo('up').burnRates[w]).toBeCloseTo(50, 6);
    expect(slo('up').burnRates['3d']).toBeCloseTo(0.5, 6);

    // Latency ≤ 1 s at 90%: the same 10 slow calls, a tenth of the burn.
    expect(slo('fast').errorBudgetRemaining).toBeCloseTo(0.95, 9);
    for (const w of recent) expect(slo('fast').burnRates[w]).toBeCloseTo(5, 6);
    expect(slo('fast').burnRates['3d']).toBeCloseTo(0.05, 6);

    // Cost ≤ $0.02 over costed calls only: the 10 dear ones of 1,990; recently all 10 of 10.
    expect(slo('cheap').compliance).toBeCloseTo(1980 / 1990, 9);
    for (const w of recent) expect(slo('cheap').burnRates[w]).toBeCloseTo(100, 6);

    // Another environment's calls never burn it.
    expect(slo('staging-up')).toMatchObject({
      compliance: null,
      errorBudgetRemaining: null,
      burnRates: { '5m': null, '3d': null },
      alerts: [],
    });
  });

  it('answers the cost budgets: spend today and this month, thresholds crossed, forecast, spike state', async () => {
    const health = (await (await getHealth(feature)).json()) as Health;
    const oldInMonth = t0.getTime() - 2 * DAY >= utcMonthStart(t0).getTime();
    expect(health.budgets.daily).toMatchObject({ limitUsd: 10, thresholdsCrossed: [0.5] });
    expect(health.budgets.daily.spentUsd).toBeCloseTo(6, 6);
    expect(health.budgets.monthly.spentUsd).toBeCloseTo(6 + (oldInMonth ? 1.98 : 0), 6);
    expect(health.budgets.forecast.monthEndUsd).toBeGreaterThanOrEqual(health.budgets.monthly.spentUsd);
    // Two days of history: not enough baseline to call a spike.
    expect(health.budgets.spike.state).toBe('insufficient_history');
  });

  it('lists the firing alerts of each SLO after an evaluation round', async () => {
    const round = await evaluationRound(new Date(), [feature]);
    expect(round.ran).toBe(true);
    const health = (await (await getHealth(feature)).json()) as Health;
    const up = health.slos.find((s) => s.name === 'up')!;
    // Page and ticket rules both fire; the page alert stands for both (lib/alerts/candidates.ts).
    expect(up.alerts.map((a) => a.severity)).toEqual(['page']);
    expect(health.slos.find((s) => s.name === 'staging-up')!.alerts).toEqual([]);
  });

  it('answers 404 for an unknown feature and 401/403 without a read key', async () => {
    expect((await getHealth('no-such-feature-here')).status).toBe(404);
    expect((await getHealth(feature, 'sb_wrong')).status).toBe(401);
    expect((await getHealth(feature, await createTestKey(['ingest']))).status).toBe(403);
  });
});
