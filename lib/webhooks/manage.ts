// Adding, changing and removing webhooks (audit-logged), and sending one a test message.
import type { Db } from '@/db';
import { appendAudit, type Actor } from '@/db/queries/audit';
import {
  deleteWebhook,
  findWebhook,
  findWebhookSecret,
  insertWebhook,
  updateWebhook,
  type WebhookRow,
  type WebhookValues,
} from '@/db/queries/webhooks';
import { badRequest, notFound } from '@/lib/api/errors';
import { isPagingKind, secretHint, WEBHOOK_KIND_INFO } from './kinds';
import type { PayloadAlert } from './payload';
import { sendWebhookRequest, webhookRequest } from './request';
import type { SendResult } from './send';

/** What the audit log keeps of a webhook: the URL without its path (often the secret), the key's last 4 characters. */
function auditView(w: WebhookRow) {
  return {
    name: w.name,
    kind: w.kind,
    url: redactWebhookUrl(w.url),
    ...(w.secretEnd ? { key: secretHint(w.secretEnd) } : {}),
    enabled: w.enabled,
    minSeverity: w.minSeverity,
  };
}

/** `https://hooks.slack.com/…`: enough to recognise a receiver, not enough to post to it. */
export function redactWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' && !u.search ? '' : '/…'}`;
  } catch {
    return '…';
  }
}

export async function createWebhook(db: Db, values: WebhookValues, actor: Actor): Promise<WebhookRow> {
  return db.transaction(async (tx) => {
    const row = await insertWebhook(tx, values);
    await appendAudit(tx, actor, {
      action: 'webhook.create',
      targetType: 'webhook',
      targetId: String(row.id),
      after: auditView(row),
    });
    return row;
  });
}

/**
 * Changes what `values` gives; an undefined `secret` keeps the stored key, which a paging webhook
 * may do only while it stays of the same kind (another service's key would be refused there).
 */
export async function changeWebhook(
  db: Db,
  id: number,
  values: Partial<WebhookValues>,
  actor: Actor,
): Promise<WebhookRow> {
  return db.transaction(async (tx) => {
    const before = await findWebhook(tx, id);
    if (!before) throw notFound(`There is no webhook with id ${id}.`);
    const kind = values.kind ?? before.kind;
    if (isPagingKind(kind) && values.secret === undefined && (kind !== before.kind || !before.secretEnd)) {
      throw badRequest('Please correct the highlighted fields.', { secret: [WEBHOOK_KIND_INFO[kind].key!.missing] });
    }
    const after = (await updateWebhook(tx, id, kind === 'slack' ? { ...values, secret: null } : values))!;
    await appendAudit(tx, actor, {
      action: 'webhook.update',
      targetType: 'webhook',
      targetId: String(id),
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

export async function removeWebhook(db: Db, id: number, actor: Actor): Promise<WebhookRow> {
  return db.transaction(async (tx) => {
    const row = await deleteWebhook(tx, id);
    if (!row) throw notFound(`There is no webhook with id ${id}.`);
    await appendAudit(tx, actor, {
      action: 'webhook.delete',
      targetType: 'webhook',
      targetId: String(id),
      before: auditView(row),
    });
    return row;
  });
}

/**
 * Posts a sample alert to the webhook now and answers what the receiver said (nothing is stored).
 * A paging service gets a test incident that is resolved (closed) at once, under a key of its own.
 */
export async function sendTestMessage(db: Db, id: number, baseUrl: string, now = new Date()): Promise<SendResult> {
  const webhook = await findWebhook(db, id);
  if (!webhook) throw notFound(`There is no webhook with id ${id}.`);
  const target = { kind: webhook.kind, url: webhook.url, secret: await findWebhookSecret(db, id) };
  const alert: PayloadAlert = {
    id: 0,
    feature: 'example-feature',
    kind: 'test',
    severity: webhook.minSeverity,
    summary: `Test message from Switchboard to "${webhook.name}": alerts of severity ${webhook.minSeverity} and above arrive like this.`,
    details: { burnRate: 14.4, threshold: 14.4, objective: 0.999 },
    startedAt: now,
    resolvedAt: null,
    acknowledgedBy: null,
  };
  const key = `switchboard-test-${webhook.id}-${now.getTime()}`;
  const opened = await sendWebhookRequest(webhookRequest(target, alert, 'test', baseUrl, key));
  if (!isPagingKind(webhook.kind) || opened.error !== null) return opened;
  const closed = await sendWebhookRequest(
    webhookRequest(target, { ...alert, resolvedAt: now }, 'resolved', baseUrl, key),
  );
  return closed.error === null
    ? opened
    : { ...closed, error: `The test alert was opened but not resolved: ${closed.error}` };
}
