// Alert severities in order, and which alerts a webhook's minimum severity lets through.
export const SEVERITIES = ['page', 'ticket', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Record<Severity, number> = { info: 0, ticket: 1, page: 2 };

/** A webhook with min_severity `min` gets alerts of that severity and above (page > ticket > info). */
export function severityAdmits(min: Severity, severity: Severity): boolean {
  return RANK[severity] >= RANK[min];
}

/** Worst first, for sorting firing alerts. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

export const SEVERITY_DESCRIPTIONS: Record<Severity, string> = {
  page: 'Wake someone up: fast error-budget burn, a daily or monthly budget spent.',
  ticket: 'Look at it today: slow burn, budget thresholds, cost spikes.',
  info: 'For the record only.',
};
