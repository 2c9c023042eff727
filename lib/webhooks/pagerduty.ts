// An alert as PagerDuty Events API v2 events ("Send an Alert Event",
// developer.pagerduty.com/docs/events-api-v2/trigger-events): a trigger when it opens and a resolve
// with the same dedup_key when it resolves, both POSTed to the integration's enqueue URL.
import { alertLink } from '@/lib/alerts/links';
import type { Severity } from '@/lib/alerts/severity';
import { alertFields } from '@/lib/alerts/values';
import { truncateText } from '@/lib/format/text';
import type { PayloadAlert } from './payload';
import { alertTitle } from './title';

/** PagerDuty's published limits, in characters. */
export const PAGERDUTY_LIMITS = { summary: 1024, dedupKey: 255 } as const;

export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

/**
 * A page should wake someone: critical. A ticket can wait for working hours: warning, which
 * PagerDuty's dynamic notifications send at low urgency (critical and error go out at high
 * urgency), so a slow burn never rings a phone at night. info stays info; error is not used.
 */
export const PAGERDUTY_SEVERITY: Record<Severity, PagerDutySeverity> = {
  page: 'critical',
  ticket: 'warning',
  info: 'info',
};

export interface PagerDutyTrigger {
  routing_key: string;
  event_action: 'trigger';
  dedup_key: string;
  payload: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp: string;
    component: string;
    class: string;
    custom_details: Record<string, unknown>;
  };
  links: { href: string; text: string }[];
  client: string;
  client_url: string;
}

export interface PagerDutyResolve {
  routing_key: string;
  event_action: 'resolve';
  dedup_key: string;
}

/**
 * The trigger event. `source` is the dashboard's host (the system that saw the problem, as
 * Alertmanager and Grafana send theirs), `component` the feature, `class` the alert's kind; the
 * full summary and the numbers, readable and raw, go in custom_details.
 */
export function pagerDutyTrigger(
  alert: PayloadAlert,
  { routingKey, baseUrl, dedupKey = String(alert.id) }: { routingKey: string; baseUrl: string; dedupKey?: string },
): PagerDutyTrigger {
  const url = alertLink(alert, baseUrl);
  const readable = Object.fromEntries(alertFields(alert.details).map(({ name, value }) => [name, value]));
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: truncateText(dedupKey, PAGERDUTY_LIMITS.dedupKey),
    payload: {
      summary: truncateText(alertTitle(alert), PAGERDUTY_LIMITS.summary),
      source: new URL(baseUrl).host,
      severity: PAGERDUTY_SEVERITY[alert.severity],
      timestamp: alert.startedAt.toISOString(),
      component: alert.feature,
      class: alert.kind,
      custom_details: {
        summary: alert.summary,
        feature: alert.feature,
        severity: alert.severity,
        alert: alert.id,
        started: alert.startedAt.toISOString(),
        ...(alert.acknowledgedBy ? { acknowledgedBy: alert.acknowledgedBy } : {}),
        ...readable,
        details: alert.details,
        link: url,
      },
    },
    links: [{ href: url, text: `Open ${alert.feature} in Switchboard` }],
    client: 'Switchboard',
    client_url: baseUrl,
  };
}

/** The resolve event: only the key and the dedup_key, as PagerDuty's example sends it. */
export function pagerDutyResolve({ routingKey, dedupKey }: { routingKey: string; dedupKey: string }): PagerDutyResolve {
  return {
    routing_key: routingKey,
    event_action: 'resolve',
    dedup_key: truncateText(dedupKey, PAGERDUTY_LIMITS.dedupKey),
  };
}
