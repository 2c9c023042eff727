// What fires now, as alert candidates with stable fingerprints: one per (feature, SLO, severity),
// per (feature, budget kind, threshold) and per feature's cost spike. A fingerprint names the
// condition, not the moment, so an alert that keeps firing is the same alert.
import type { AlertSeverity } from '@/lib/slo/alert-rules';
import type { SloEvaluation } from '@/lib/slo/evaluate';
import type { BudgetKind, BudgetUsage } from '@/lib/budgets/usage';
import type { CostSpike } from '@/lib/budgets/spike';

export type AlertKind = 'slo' | 'budget' | 'spike';

export interface AlertCandidate {
  fingerprint: string;
  feature: string;
  kind: AlertKind;
  severity: AlertSeverity;
  /** One line for people: what fires, with expected and actual. */
  summary: string;
  /** The numbers behind it, for the stored alert and the webhook. */
  values: Record<string, number | string | null>;
}

const part = (s: string | number) => encodeURIComponent(String(s));

export const sloFingerprint = (feature: string, slo: string, severity: AlertSeverity) => `slo:${part(feature)}:${part(slo)}:${severity}`;
export const budgetFingerprint = (feature: string, kind: BudgetKind, threshold: number) => `budget:${part(feature)}:${kind}:${threshold}`;
export const spikeFingerprint = (feature: string) => `spike:${part(feature)}:cost`;

const pct = (x: number) => `${+(x * 100).toFixed(2)}%`;
const usd = (x: number) => `$${x.toFixed(2)}`;
const rate = (x: number) => `${+x.toFixed(2)}×`;

/** One candidate per firing severity of the SLO (a rule only fires with events, so the budget is known). */
export function sloAlertCandidates(feature: string, slo: string, evaluation: SloEvaluation): AlertCandidate[] {
  return evaluation.firing.map((f) => {
    const rules = evaluation.rules.filter((r) => f.rules.includes(r.rule.name));
    const detail = rules.map((r) => `${rate(r.long.burnRate ?? 0)} over ${r.long.window} and ${rate(r.short.burnRate ?? 0)} over ${r.short.window} (threshold ${rate(r.threshold)})`).join('; ');
    return {
      fingerprint: sloFingerprint(feature, slo, f.severity),
      feature,
      kind: 'slo',
      severity: f.severity,
      summary: `${feature}/${slo}: error budget burning at ${detail}; ${pct(evaluation.errorBudget.remaining ?? 1)} of the ${evaluation.window} budget left`,
      values: {
        slo,
        rules: f.rules.join(','),
        burnRate: f.burnRate,
        threshold: Math.min(...rules.map((r) => r.threshold)),
        objective: evaluation.objective,
        budgetRemaining: evaluation.errorBudget.remaining,
      },
    };
  });
}

/** One candidate per crossed threshold; reaching the whole budget (threshold ≥ 1) pages. */
export function budgetAlertCandidates(feature: string, usage: BudgetUsage): AlertCandidate[] {
  return usage.crossed.map((threshold) => ({
    fingerprint: budgetFingerprint(feature, usage.kind, threshold),
    feature,
    kind: 'budget',
    severity: threshold >= 1 ? 'page' : 'ticket',
    summary: `${feature}: ${usage.kind} spend ${usd(usage.spentUsd)} reached ${pct(threshold)} of the ${usd(usage.limitUsd)} budget (threshold ${usd(threshold * usage.limitUsd)})`,
    values: { budgetKind: usage.kind, threshold, actualUsd: usage.spentUsd, expectedUsd: threshold * usage.limitUsd, limitUsd: usage.limitUsd, ratio: usage.ratio },
  }));
}

export function spikeAlertCandidates(feature: string, spike: CostSpike): AlertCandidate[] {
  if (spike.state !== 'spike' || spike.expectedUsd === null || spike.thresholdUsd === null) return [];
  return [
    {
      fingerprint: spikeFingerprint(feature),
      feature,
      kind: 'spike',
      severity: 'ticket',
      summary: `${feature}: spent ${usd(spike.actualUsd)} in the hour from ${spike.from.toISOString()}, expected ${usd(spike.expectedUsd)} (alert above ${usd(spike.thresholdUsd)})`,
      values: { from: spike.from.toISOString(), to: spike.to.toISOString(), actualUsd: spike.actualUsd, expectedUsd: spike.expectedUsd, thresholdUsd: spike.thresholdUsd },
    },
  ];
}
