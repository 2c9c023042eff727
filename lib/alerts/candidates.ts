// What fires now, as alert candidates with stable fingerprints: one per (feature, SLO) at its
// worst firing severity, one per (feature, budget kind) at its highest crossed threshold, and one
// per feature's cost spike. A fingerprint names the condition (with the severity or threshold),
// not the moment, so an alert that keeps firing is the same alert; when a condition escalates or
// calms down, the old fingerprint resolves and the new one opens.
import type { AlertSeverity } from '@/lib/slo/alert-rules';
import type { SloEvaluation } from '@/lib/slo/evaluate';
import type { BudgetKind, BudgetUsage } from '@/lib/budgets/usage';
import type { CostSpike } from '@/lib/budgets/spike';
import { formatBudgetLeft, formatObjective } from '@/lib/slo/describe';
import { formatBurnRate } from './values';

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

export const sloFingerprint = (feature: string, slo: string, severity: AlertSeverity) =>
  `slo:${part(feature)}:${part(slo)}:${severity}`;
export const budgetFingerprint = (feature: string, kind: BudgetKind, threshold: number) =>
  `budget:${part(feature)}:${kind}:${threshold}`;
export const spikeFingerprint = (feature: string) => `spike:${part(feature)}:cost`;

const usd = (x: number) => `$${x.toFixed(2)}`;

/**
 * One candidate per SLO, at its worst firing severity (a rule only fires with events, so the
 * budget is known). When a page rule fires, the ticket rules of the same SLO add nothing (SRE
 * Workbook ch. 5: the page already asks for action), so the page alert stands for both; once the
 * page rules stop while a ticket rule still holds, the ticket alert opens.
 */
export function sloAlertCandidates(feature: string, slo: string, evaluation: SloEvaluation): AlertCandidate[] {
  const worst = evaluation.firing[0];
  if (!worst) return [];
  const rules = evaluation.rules.filter((r) => worst.rules.includes(r.rule.name));
  // The table's numbers are those of the fastest firing rule, named by its window, so they match the sentence's first clause.
  const lead = rules[0];
  const detail = rules
    .map(
      (r) =>
        `${formatBurnRate(r.long.burnRate ?? 0)} over ${r.long.window} and ${formatBurnRate(r.short.burnRate ?? 0)} over ${r.short.window} (threshold ${formatBurnRate(r.threshold)})`,
    )
    .join('; ');
  return [
    {
      fingerprint: sloFingerprint(feature, slo, worst.severity),
      feature,
      kind: 'slo',
      severity: worst.severity,
      summary: `${feature}/${slo}: error budget burning at ${detail}; ${evaluation.window} error budget left: ${formatBudgetLeft(evaluation.errorBudget.remaining ?? 1)}`,
      values: {
        slo,
        rules: worst.rules.join(','),
        burnWindow: lead.long.window,
        burnRate: lead.long.burnRate,
        threshold: lead.threshold,
        objective: evaluation.objective,
        budgetRemaining: evaluation.errorBudget.remaining,
      },
    },
  ];
}

/**
 * One candidate per budget, at its highest crossed threshold: crossing 80% supersedes the 50%
 * alert (which resolves) rather than adding to it. Reaching the whole budget (threshold ≥ 1) pages.
 */
export function budgetAlertCandidates(feature: string, usage: BudgetUsage): AlertCandidate[] {
  const highest = usage.crossed.length ? [Math.max(...usage.crossed)] : [];
  return highest.map((threshold) => ({
    fingerprint: budgetFingerprint(feature, usage.kind, threshold),
    feature,
    kind: 'budget',
    severity: threshold >= 1 ? 'page' : 'ticket',
    summary: `${feature}: ${usage.kind} spend ${usd(usage.spentUsd)} reached ${formatObjective(threshold)} of the ${usd(usage.limitUsd)} budget (threshold ${usd(threshold * usage.limitUsd)})`,
    values: {
      budgetKind: usage.kind,
      threshold,
      actualUsd: usage.spentUsd,
      expectedUsd: threshold * usage.limitUsd,
      limitUsd: usage.limitUsd,
      ratio: usage.ratio,
    },
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
      values: {
        from: spike.from.toISOString(),
        to: spike.to.toISOString(),
        actualUsd: spike.actualUsd,
        expectedUsd: spike.expectedUsd,
        thresholdUsd: spike.thresholdUsd,
      },
    },
  ];
}
