// An alert as Opsgenie Alert API requests (docs.opsgenie.com/docs/alert-api): "Create Alert"
// (POST /v2/alerts) when it opens, with the alert's id as the alias, and "Close Alert"
// (POST /v2/alerts/{alias}/close?identifierType=alias) when it resolves.
import { alertLink } from '@/lib/alerts/links';
import type { Severity } from '@/lib/alerts/severity';
import { alertFields } from '@/lib/alerts/values';
import { truncateText } from '@/lib/format/text';
import { formatDuration, formatUtcDateTime } from '@/lib/format/time';
import type { PayloadAlert } from './payload';
import { alertTitle } from './title';

/** Opsgenie's published limits: characters per field, 20 tags of 50, details 8,000 in all. */
export const OPSGENIE_LIMITS = {
  message: 130,
  alias: 512,
  description: 15_000,
  tags: 20,
  tag: 50,
  details: 8_000,
  entity: 512,
  source: 100,
  note: 25_000,
} as const;

export type OpsgeniePriority = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';

/** A page is critical (P1); a ticket is Opsgenie's default, moderate (P3); info is informational (P5). */
export const OPSGENIE_PRIORITY: Record<Severity, OpsgeniePriority> = { page: 'P1', ticket: 'P3', info: 'P5' };

const SOURCE = 'Switchboard';

export interface OpsgenieCreate {
  message: string;
  alias: string;
  description: string;
  tags: string[];
  details: Record<string, string>;
  entity: string;
  source: string;
  priority: OpsgeniePriority;
}

export interface OpsgenieClose {
  source: string;
  note: string;
}

/** Opsgenie counts the details map as a whole: entries are kept in order while they fit. */
function fitDetails(entries: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  let left = OPSGENIE_LIMITS.details;
  for (const [key, value] of entries) {
    if (key.length + value.length > left) continue;
    out[key] = value;
    left -= key.length + value.length;
  }
  return out;
}

export function opsgenieCreate(
  alert: PayloadAlert,
  { baseUrl, alias = String(alert.id) }: { baseUrl: string; alias?: string },
): OpsgenieCreate {
  const url = alertLink(alert, baseUrl);
  const fields = alertFields(alert.details);
  const opened = `Opened ${formatUtcDateTime(alert.startedAt)}${alert.acknowledgedBy ? ` · acknowledged by ${alert.acknowledgedBy}` : ''} · ${alert.kind} alert #${alert.id}`;
  const description = [
    alert.summary,
    opened,
    fields.map(({ name, value }) => `${name}: ${value}`).join('\n'),
    `Open ${alert.feature} in Switchboard: ${url}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    message: truncateText(alertTitle(alert), OPSGENIE_LIMITS.message),
    alias: truncateText(alias, OPSGENIE_LIMITS.alias),
    // The link comes last but must survive: cut the text before it.
    description:
      description.length <= OPSGENIE_LIMITS.description
        ? description
        : `${truncateText(description, OPSGENIE_LIMITS.description - url.length - 2)}\n${url}`,
    tags: ['switchboard', alert.severity, alert.kind, alert.feature]
      .map((tag) => truncateText(tag, OPSGENIE_LIMITS.tag))
      .slice(0, OPSGENIE_LIMITS.tags),
    details: fitDetails([
      ['link', url],
      ['feature', alert.feature],
      ['severity', alert.severity],
      ['kind', alert.kind],
      ['alert', String(alert.id)],
      ['started', alert.startedAt.toISOString()],
      ...fields.map(({ name, value }): [string, string] => [name, value]),
    ]),
    entity: truncateText(alert.feature, OPSGENIE_LIMITS.entity),
    source: SOURCE,
    priority: OPSGENIE_PRIORITY[alert.severity],
  };
}

export function opsgenieClose(alert: PayloadAlert): OpsgenieClose {
  const note = alert.resolvedAt
    ? `Resolved in Switchboard: opened ${formatUtcDateTime(alert.startedAt)}, resolved ${formatUtcDateTime(alert.resolvedAt)} (${formatDuration(alert.resolvedAt.getTime() - alert.startedAt.getTime())}).`
    : 'Closed by Switchboard.';
  return { source: SOURCE, note: truncateText(note, OPSGENIE_LIMITS.note) };
}

/** `…/v2/alerts/{alias}/close?identifierType=alias` under the webhook's alerts URL (any query it has is kept). */
export function opsgenieCloseUrl(alertsUrl: string, alias: string): string {
  const url = new URL(alertsUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(truncateText(alias, OPSGENIE_LIMITS.alias))}/close`;
  url.searchParams.set('identifierType', 'alias');
  return url.toString();
}
