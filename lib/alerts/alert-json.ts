// A stored alert as the API answers it.
import type { AlertRow } from './alert-row';
import { alertTimeRange, featureLink } from './links';

export function toAlertJson(alert: AlertRow) {
  return {
    id: alert.id,
    feature: alert.feature,
    kind: alert.kind,
    severity: alert.severity,
    state: alert.state,
    fingerprint: alert.fingerprint,
    summary: alert.summary,
    details: alert.details,
    startedAt: alert.startedAt.toISOString(),
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: alert.acknowledgedBy,
    link: featureLink(alert.feature, alertTimeRange(alert)),
  };
}
