// The message a webhook receives: Slack-compatible JSON (`text` for notifications, `blocks` for
// the message), plus a `switchboard` object with the same facts for receivers that are not Slack.
import type { ClaimedDelivery } from '@/db/queries/webhook-deliveries';
import type { Severity } from '@/lib/alerts/severity';
import { alertLink } from '@/lib/alerts/links';
import { formatDuration, formatUtcDateTime } from '@/lib/format/time';
import { alertFields } from '@/lib/alerts/values';

/** The alert as a claimed delivery carries it (db/queries/webhook-deliveries.ts). */
export type PayloadAlert = ClaimedDelivery['alert'];

type Block = Record<string, unknown>;

export interface WebhookPayload {
  text: string;
  blocks: Block[];
  switchboard: {
    event: 'firing' | 'resolved' | 'test';
    url: string;
    alert: Omit<PayloadAlert, 'startedAt' | 'resolvedAt'> & { startedAt: string; resolvedAt: string | null };
  };
}

const ICON: Record<Severity, string> = { page: ':rotating_light:', ticket: ':warning:', info: ':information_source:' };
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });

export function buildAlertPayload(
  alert: PayloadAlert,
  event: 'firing' | 'resolved' | 'test',
  baseUrl: string,
): WebhookPayload {
  const url = alertLink(alert, baseUrl);
  const state = event === 'resolved' ? 'RESOLVED' : event === 'test' ? 'TEST' : 'FIRING';
  const icon = event === 'resolved' ? ':white_check_mark:' : ICON[alert.severity];
  const headline = `${icon} ${state} [${alert.severity}] ${alert.feature}: ${alert.summary}`;
  const when =
    event === 'resolved' && alert.resolvedAt
      ? `Opened ${formatUtcDateTime(alert.startedAt)}, resolved ${formatUtcDateTime(alert.resolvedAt)} (${formatDuration(alert.resolvedAt.getTime() - alert.startedAt.getTime())})`
      : `Opened ${formatUtcDateTime(alert.startedAt)}${alert.acknowledgedBy ? ` · acknowledged by ${alert.acknowledgedBy}` : ''}`;
  // Slack shows at most 10 fields in a section.
  const fields = alertFields(alert.details)
    .slice(0, 10)
    .map(({ name, value }) => mrkdwn(`*${name}*\n${value}`));
  const blocks: Block[] = [
    { type: 'section', text: mrkdwn(`*${state}* · *${alert.severity}* · *${alert.feature}*\n${alert.summary}`) },
    ...(fields.length ? [{ type: 'section', fields }] : []),
    { type: 'context', elements: [mrkdwn(`${when} · ${alert.kind} alert #${alert.id}`)] },
    { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the feature' }, url }] },
  ];
  return {
    text: `${headline}\n<${url}|Open ${alert.feature} in Switchboard>`,
    blocks,
    switchboard: {
      event,
      url,
      alert: {
        ...alert,
        startedAt: alert.startedAt.toISOString(),
        resolvedAt: alert.resolvedAt?.toISOString() ?? null,
      },
    },
  };
}
