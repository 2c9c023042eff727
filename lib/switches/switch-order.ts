// The switches page's order and status per switch: worst first, with the overview's status.
import { FEATURE_STATUSES, statusRank, type FeatureStatus } from '@/lib/status/feature-status';
import type { SwitchState } from './document';
import type { RecentTraffic } from './recent-traffic';

/**
 * The status to show beside a switch as it is now: killed when it is; a status read while it was
 * killed says nothing of the feature once restored, so none until the page is read again.
 */
export function switchStatus(state: SwitchState, statuses: Record<string, FeatureStatus>): FeatureStatus | null {
  if (state.killed) return 'killed';
  const status = statuses[state.feature];
  return status === 'killed' ? null : (status ?? null);
}

/** Worst first: killed, then by the overview's status, the highest error rate over the last hour, the busiest. */
export function bySeverity(health: Record<string, RecentTraffic>, statuses: Record<string, FeatureStatus>) {
  const rank = (s: SwitchState) => {
    const status = switchStatus(s, statuses);
    return status ? statusRank(status) : FEATURE_STATUSES.length;
  };
  return (a: SwitchState, b: SwitchState) =>
    Number(b.killed) - Number(a.killed) ||
    rank(a) - rank(b) ||
    (health[b.feature]?.errorRate ?? -1) - (health[a.feature]?.errorRate ?? -1) ||
    (health[b.feature]?.calls ?? 0) - (health[a.feature]?.calls ?? 0) ||
    a.feature.localeCompare(b.feature);
}
