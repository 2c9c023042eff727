// Adding, changing and removing webhooks (audit-logged), and sending one a test message.
import type { Db } from '@/db';
import { appendAudit, type Actor } from '@/db/queries/audit';
import { deleteWebhook, findWebhook, insertWebhook, updateWebhook, type WebhookRow, type WebhookValues } from '@/db/queries/webhooks';
import { notFound } from '@/lib/api/errors';
import { buildAlertPayload } from './payload';
import { postJson, type SendResult } from './send';

/** What the audit log keeps of a webhook: the URL without its path, which is often the secret. */
function auditView(w: WebhookValues) {
  return { name: w.name, url: redactWebhookUrl(w.url), enabled: w.enabled, minSeverity: w.minSeverity };
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
    await appendAudit(tx, actor, { action: 'webhook.create', targetType: 'webhook', targetId: String(row.id), after: auditView(row) });
    return row;
  });
}

export async function changeWebhook(db: Db, id: number, values: Partial<WebhookValues>, actor: Actor): Promise<WebhookRow> {
  return db.transaction(async (tx) => {
    const before = await findWebhook(tx, id);
    if (!before) throw notFound(`There is no webhook with id ${id}.`);
    const after = (await updateWebhook(tx, id, values))!;
    await appendAudit(tx, actor, { action: 'webhook.update', targetType: 'webhook', targetId: String(id), before: auditView(before), after: auditView(after) });
    return after;
  });
}

export async function removeWebhook(db: Db, id: number, actor: Actor): Promise<WebhookRow> {
  return db.transaction(async (tx) => {
    const row = await deleteWebhook(tx, id);
    if (!row) throw notFound(`There is no webhook with id ${id}.`);
    await appendAudit(tx, actor, { action: 'webhook.delete', targetType: 'webhook', targetId: String(id), before: auditView(row) });
    return row;
  });
}

/** Posts a sample alert to the webhook now and answers what the receiver said (nothing is stored). */
export async function sendTestMessage(db: Db, id: number, baseUrl: string, now = new Date()): Promise<SendResult> {
  const webhook = await findWebhook(db, id);
  if (!webhook) throw notFound(`There is no webhook with id ${id}.`);
  const payload = buildAlertPayload(
    {
      id: 0,
      feature: 'example-feature',
      kind: 'test',
      severity: webhook.minSeverity,
      summary: `Test message from Switchboard to "${webhook.name}": alerts of severity ${webhook.minSeverity} and above arrive like this.`,
      details: { burnRate: 14.4, threshold: 14.4, objective: 0.999 },
      startedAt: now,
      resolvedAt: null,
      acknowledgedBy: null,
    },
    'test',
    baseUrl,
  );
  return postJson(webhook.url, payload);
}
