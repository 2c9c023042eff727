// What one delivery sends to a webhook of each kind: where to, with which headers, which body.
import type { PayloadAlert } from './payload';
import { buildAlertPayload } from './payload';
import type { WebhookKind } from './kinds';
import { opsgenieClose, opsgenieCloseUrl, opsgenieCreate } from './opsgenie';
import { pagerDutyResolve, pagerDutyTrigger } from './pagerduty';
import { postJson, type SendResult } from './send';

export interface WebhookTarget {
  kind: WebhookKind;
  url: string;
  /** The paging service's key; null for Slack-compatible webhooks. */
  secret: string | null;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** The key inside the request, kept out of what is stored or shown of the answer. */
  secret: string | null;
}

/**
 * The request for `event`. The paging kinds open an incident for `firing` and `test` and close
 * it for `resolved`, keyed by `key` (the alert's id: PagerDuty's dedup_key, Opsgenie's alias).
 */
export function webhookRequest(
  target: WebhookTarget,
  alert: PayloadAlert,
  event: 'firing' | 'resolved' | 'test',
  baseUrl: string,
  key = String(alert.id),
): WebhookRequest {
  if (target.kind === 'slack')
    return { url: target.url, headers: {}, body: buildAlertPayload(alert, event, baseUrl), secret: null };
  // The table's check constraint keeps a paging webhook from existing without its key.
  const secret = target.secret;
  if (!secret) throw new Error(`A ${target.kind} webhook has no key.`);
  if (target.kind === 'pagerduty') {
    const body =
      event === 'resolved'
        ? pagerDutyResolve({ routingKey: secret, dedupKey: key })
        : pagerDutyTrigger(alert, { routingKey: secret, baseUrl, dedupKey: key });
    return { url: target.url, headers: {}, body, secret };
  }
  const headers = { authorization: `GenieKey ${secret}` };
  return event === 'resolved'
    ? { url: opsgenieCloseUrl(target.url, key), headers, body: opsgenieClose(alert), secret }
    : { url: target.url, headers, body: opsgenieCreate(alert, { baseUrl, alias: key }), secret };
}

export function sendWebhookRequest(request: WebhookRequest, options: { timeoutMs?: number } = {}): Promise<SendResult> {
  return postJson(request.url, request.body, { ...options, headers: request.headers, secret: request.secret });
}
