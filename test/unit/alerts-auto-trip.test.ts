// Which opened alerts trip a kill switch (lib/alerts/auto-trip.ts autoTripDecisions).
import { describe, expect, it } from 'vitest';
import { autoTripDecisions } from '@/lib/alerts/auto-trip';
import type { AlertCandidate } from '@/lib/alerts/candidates';
import type { FeatureHealth } from '@/lib/status/feature-health';
import { REASON_MAX } from '@/lib/validations/switch';

function feature(key: string, autoTrip: FeatureHealth['autoTrip'], killed = false): FeatureHealth {
  return {
    feature: { id: 1, key, name: null },
    killed,
    autoTrip,
    budgets: { dailyUsd: 10, monthlyUsd: null, thresholds: [1] },
    slos: [],
    cost: {} as FeatureHealth['cost'],
  };
}

let id = 1;
function opened(featureKey: string, fields: Partial<AlertCandidate>): AlertCandidate & { id: number } {
  return {
    id: id++,
    fingerprint: `f${id}`,
    feature: featureKey,
    kind: 'slo',
    severity: 'page',
    summary: `${featureKey}/up: burning at 50×`,
    values: {},
    ...fields,
  };
}

const ON = { onPageAlert: true, onBudgetExhausted: true };

describe('autoTripDecisions', () => {
  it('trips on a page-severity SLO alert when onPageAlert is on, naming the alert and its numbers', () => {
    const alert = opened('a', {});
    const [decision] = autoTripDecisions([alert], [feature('a', ON)]);
    expect(decision).toMatchObject({ feature: 'a', alertId: alert.id, policy: 'onPageAlert' });
    expect(decision.reason).toContain(`alert #${alert.id}`);
    expect(decision.reason).toContain('50×');
  });

  it('does not trip on tickets, when the policy is off, or when the switch is already killed', () => {
    expect(autoTripDecisions([opened('a', { severity: 'ticket' })], [feature('a', ON)])).toEqual([]);
    expect(
      autoTripDecisions([opened('a', {})], [feature('a', { onPageAlert: false, onBudgetExhausted: true })]),
    ).toEqual([]);
    expect(autoTripDecisions([opened('a', {})], [feature('a', ON, true)])).toEqual([]);
  });

  it('trips on the daily budget spent (threshold ≥ 100 %) only, when onBudgetExhausted is on', () => {
    const daily = (threshold: number, budgetKind = 'daily') =>
      opened('b', { kind: 'budget', severity: threshold >= 1 ? 'page' : 'ticket', values: { budgetKind, threshold } });
    expect(autoTripDecisions([daily(0.8)], [feature('b', ON)])).toEqual([]);
    expect(autoTripDecisions([daily(1, 'monthly')], [feature('b', ON)])).toEqual([]);
    expect(autoTripDecisions([daily(1)], [feature('b', { onPageAlert: true, onBudgetExhausted: false })])).toEqual([]);
    expect(autoTripDecisions([daily(1)], [feature('b', ON)])).toMatchObject([
      { feature: 'b', policy: 'onBudgetExhausted' },
    ]);
  });

  it('flips each feature once however many alerts open, and keeps the reason within the switch’s limit', () => {
    const long = 'x'.repeat(2 * REASON_MAX);
    const decisions = autoTripDecisions(
      [opened('c', { summary: long }), opened('c', {}), opened('d', {})],
      [feature('c', ON), feature('d', ON)],
    );
    expect(decisions.map((d) => d.feature)).toEqual(['c', 'd']);
    expect(decisions[0].reason.length).toBeLessThanOrEqual(REASON_MAX);
  });
});
