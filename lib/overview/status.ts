// How healthy a feature looks on the overview, from its last 24 hours alone. This is the one place
// that decides it; SLO-based states (burning, breached) replace the error-rate rule when SLOs land.

export const FEATURE_STATUSES = ['killed', 'failing', 'degraded', 'healthy', 'no_traffic'] as const;
export type FeatureStatus = (typeof FEATURE_STATUSES)[number];

/** Error-rate thresholds (errors / calls over the window). */
export const STATUS_THRESHOLDS = {
  /** At or above this share of failed calls a feature is FAILING. */
  failing: 0.05,
  /** At or above this share (and below `failing`) it is DEGRADED. */
  degraded: 0.01,
} as const;

export function featureStatus(input: { killed: boolean; calls: number; errors: number }): FeatureStatus {
  if (input.killed) return 'killed';
  if (input.calls === 0) return 'no_traffic';
  const rate = input.errors / input.calls;
  if (rate >= STATUS_THRESHOLDS.failing) return 'failing';
  if (rate >= STATUS_THRESHOLDS.degraded) return 'degraded';
  return 'healthy';
}

/** Lower is worse: the overview lists features in this order. */
export function statusRank(status: FeatureStatus): number {
  return FEATURE_STATUSES.indexOf(status);
}
