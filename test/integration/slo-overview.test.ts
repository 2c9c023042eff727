// The overview with SLOs and budgets: a feature's status comes from its SLOs' states; each SLO's
// compliance and budget left and the spend against the budgets are in the answer, worst first.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '@/lib/overview/overview';
import { createFeature } from '../support/switches';
import { callsAt, ingest, minutesAfter, putSloDocument } from '../support/slo-traffic';
import { baseUrl, createTestKey } from '../support/system';

describe('GET /api/v1/overview with SLOs', () => {
  let breached: string;
  let calm: string;
  let overview: Overview;
  beforeAll(async () => {
    breached = await createFeature('ov-slo-breached');
    calm = await createFeature('ov-slo-calm');
    const slos = [
      { name: 'up', sli: 'availability', objective: 0.99, window: '30d' },
      { name: 'fast', sli: 'latency', thresholdMs: 10_000, objective: 0.9, window: '7d' },
    ] as const;
    await putSloDocument(breached, { slos: [...slos], budgets: { dailyUsd: 4, monthlyUsd: null } });
    await putSloDocument(calm, { slos: [...slos] });
    const t0 = new Date();
    await ingest([
      ...callsAt(breached, minutesAfter(t0, -3), 10, { costUsd: 0.5 }),
      ...callsAt(breached, minutesAfter(t0, -2), 10, { outcome: 'error', errorType: 'timeout' }),
      ...callsAt(calm, minutesAfter(t0, -2), 20),
    ]);
    const res = await fetch(`${baseUrl()}/api/v1/overview`, {
      headers: { authorization: `Bearer ${await createTestKey(['read'])}` },
    });
    expect(res.status).toBe(200);
    overview = (await res.json()) as Overview;
  });

  it('takes the status from the SLOs and lists them worst first with compliance and budget left', () => {
    const b = overview.features.find((f) => f.key === breached)!;
    expect(b.status).toBe('breached');
    expect(b.slos.map((s) => [s.name, s.state])).toEqual([
      ['up', 'breached'],
      ['fast', 'healthy'],
    ]);
    expect(b.slos[0].compliance).toBeCloseTo(0.5, 9);
    expect(b.slos[0].budgetRemaining).toBeCloseTo(-49, 6);
    expect(b.slos[1]).toMatchObject({ compliance: 1, budgetRemaining: 1 });

    const c = overview.features.find((f) => f.key === calm)!;
    expect(c.status).toBe('healthy');
    expect(overview.features.findIndex((f) => f.key === breached)).toBeLessThan(
      overview.features.findIndex((f) => f.key === calm),
    );
  });

  it('shows spend today and this month against the budgets', () => {
    const b = overview.features.find((f) => f.key === breached)!;
    expect(b.spend.dailyUsd).toBe(4);
    expect(b.spend.monthlyUsd).toBeNull();
    expect(b.spend.todayUsd).toBeCloseTo(5, 6);
    expect(b.spend.monthUsd).toBeCloseTo(5, 6);
    expect(overview.features.find((f) => f.key === calm)!.spend).toMatchObject({ dailyUsd: null, monthlyUsd: null });
  });
});
