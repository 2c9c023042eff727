// Auto-trip policies (per feature, off by default): kill the feature's switch when a page-severity
// SLO alert opens (autoTrip.onPageAlert) or the daily cost budget is spent (a daily budget alert
// at ≥ 100 %, autoTrip.onBudgetExhausted). The flip goes through flipSwitch like any other, with
// the policy as its actor, so the audit log says the policy did it; a person flips it back.
// Notification: the alert that tripped it says so — its summary and details are amended in the
// same transaction that queued its webhook deliveries, so the "firing" message that goes out
// already reads "auto-trip: switch killed" (no separate delivery).
import type { Db } from '@/db';
import { noteOnAlert } from '@/db/queries/alerts';
import type { Actor } from '@/db/queries/audit';
import type { FeatureHealth } from '@/lib/status/feature-health';
import { flipSwitch } from '@/lib/switches/flip-switch';
import { REASON_MAX } from '@/lib/validations/switch';
import type { AlertCandidate } from './candidates';

export const AUTO_TRIP_ACTOR: Actor = { id: 'policy:auto-trip', label: 'auto-trip policy' };

export interface AutoTripDecision {
  feature: string;
  alertId: number;
  policy: 'onPageAlert' | 'onBudgetExhausted';
  reason: string;
}

export interface AutoTripResult extends AutoTripDecision {
  /** False when the switch was already killed: nothing flipped. */
  flipped: boolean;
}

/** Which opened alerts trip a switch, one per feature (the first such alert). Pure. */
export function autoTripDecisions(
  opened: readonly (AlertCandidate & { id: number })[],
  health: readonly FeatureHealth[],
): AutoTripDecision[] {
  const byKey = new Map(health.map((h) => [h.feature.key, h]));
  const out = new Map<string, AutoTripDecision>();
  for (const alert of opened) {
    const feature = byKey.get(alert.feature);
    if (!feature || feature.killed || out.has(alert.feature)) continue;
    const policy =
      alert.kind === 'slo' && alert.severity === 'page' && feature.autoTrip.onPageAlert
        ? 'onPageAlert'
        : alert.kind === 'budget' &&
            alert.values.budgetKind === 'daily' &&
            Number(alert.values.threshold) >= 1 &&
            feature.autoTrip.onBudgetExhausted
          ? 'onBudgetExhausted'
          : null;
    if (!policy) continue;
    const why = policy === 'onPageAlert' ? 'a page-level burn-rate alert fired' : 'the daily cost budget is spent';
    const reason = `Auto-trip (${policy}): ${why} — alert #${alert.id}: ${alert.summary}`;
    out.set(alert.feature, {
      feature: alert.feature,
      alertId: alert.id,
      policy,
      reason: reason.length > REASON_MAX ? `${reason.slice(0, REASON_MAX - 1)}…` : reason,
    });
  }
  return [...out.values()];
}

/** Flips the switches the opened alerts call for and notes it on those alerts. */
export async function autoTrip(
  db: Db,
  params: { opened: readonly (AlertCandidate & { id: number })[]; health: readonly FeatureHealth[] },
): Promise<AutoTripResult[]> {
  const results: AutoTripResult[] = [];
  for (const decision of autoTripDecisions(params.opened, params.health)) {
    const { changed } = await flipSwitch(
      db,
      { featureKey: decision.feature, killed: true, reason: decision.reason },
      AUTO_TRIP_ACTOR,
    );
    if (changed)
      await noteOnAlert(db, decision.alertId, {
        summarySuffix: ' — auto-trip: switch killed',
        details: { autoTrip: `killed ${decision.feature} (${decision.policy})` },
      });
    results.push({ ...decision, flipped: changed });
  }
  return results;
}
