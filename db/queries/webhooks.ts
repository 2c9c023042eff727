// Configured webhooks (settings page) and their recent deliveries (the delivery log).
import { asc, eq, sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { webhooks } from '../schema';
import type { Severity } from '@/lib/alerts/severity';
import type { WebhookKind } from '@/lib/webhooks/kinds';

/** A webhook as lists and forms read it: its key only as the last 4 characters. */
export interface WebhookRow {
  id: number;
  name: string;
  kind: WebhookKind;
  url: string;
  /** The last 4 characters of the paging key, null without one. */
  secretEnd: string | null;
  enabled: boolean;
  minSeverity: Severity;
  createdAt: Date;
}

export interface WebhookValues {
  name: string;
  kind: WebhookKind;
  url: string;
  /** The paging service's key (null for Slack-compatible webhooks). */
  secret: string | null;
  enabled: boolean;
  minSeverity: Severity;
}

const webhookColumns = {
  id: webhooks.id,
  name: webhooks.name,
  kind: webhooks.kind,
  url: webhooks.url,
  secretEnd: sql<string | null>`right(${webhooks.secret}, 4)`,
  enabled: webhooks.enabled,
  minSeverity: webhooks.minSeverity,
  createdAt: webhooks.createdAt,
};

export async function listWebhooks(db: Db): Promise<WebhookRow[]> {
  return db.select(webhookColumns).from(webhooks).orderBy(asc(webhooks.name), asc(webhooks.id));
}

export async function listEnabledWebhooks(db: Db): Promise<WebhookRow[]> {
  return db.select(webhookColumns).from(webhooks).where(eq(webhooks.enabled, true));
}

export async function findWebhook(db: Db, id: number): Promise<WebhookRow | undefined> {
  const [row] = await db.select(webhookColumns).from(webhooks).where(eq(webhooks.id, id));
  return row;
}

/** The key a test message is sent with; only the sender reads it. */
export async function findWebhookSecret(db: Db, id: number): Promise<string | null> {
  const [row] = await db.select({ secret: webhooks.secret }).from(webhooks).where(eq(webhooks.id, id));
  return row?.secret ?? null;
}

export async function insertWebhook(db: Db, values: WebhookValues): Promise<WebhookRow> {
  const [row] = await db.insert(webhooks).values(values).returning(webhookColumns);
  return row;
}

export async function updateWebhook(
  db: Db,
  id: number,
  values: Partial<WebhookValues>,
): Promise<WebhookRow | undefined> {
  const [row] = await db.update(webhooks).set(values).where(eq(webhooks.id, id)).returning(webhookColumns);
  return row;
}

/** Deletes the webhook and, by cascade, its deliveries. */
export async function deleteWebhook(db: Db, id: number): Promise<WebhookRow | undefined> {
  const [row] = await db.delete(webhooks).where(eq(webhooks.id, id)).returning(webhookColumns);
  return row;
}

export interface DeliveryLogRow {
  id: number;
  webhookId: number;
  alertId: number;
  feature: string;
  severity: Severity;
  summary: string;
  event: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
}

/** The newest `perWebhook` deliveries of each webhook (an index scan per webhook). */
export async function listRecentDeliveries(db: Db, perWebhook = 10): Promise<DeliveryLogRow[]> {
  const rows = resultRows<Record<string, unknown>>(
    await db.execute(sql`
      select d.id, d.webhook_id, d.alert_id, f.key as feature, a.severity, a.title as summary, d.event, d.attempts,
             d.last_status, d.last_error, d.created_at, d.next_attempt_at, d.delivered_at, d.failed_at
      from webhooks w
      cross join lateral (
        select * from webhook_deliveries
        where webhook_id = w.id
        order by created_at desc, id desc
        limit ${perWebhook}
      ) d
      join alerts a on a.id = d.alert_id
      join features f on f.id = a.feature_id
      order by d.webhook_id, d.created_at desc, d.id desc`),
  );
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rows.map((r) => ({
    id: Number(r.id),
    webhookId: Number(r.webhook_id),
    alertId: Number(r.alert_id),
    feature: String(r.feature),
    severity: r.severity as Severity,
    summary: String(r.summary),
    event: String(r.event),
    attempts: Number(r.attempts),
    lastStatus: r.last_status === null ? null : Number(r.last_status),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: date(r.created_at)!,
    nextAttemptAt: date(r.next_attempt_at),
    deliveredAt: date(r.delivered_at),
    failedAt: date(r.failed_at),
  }));
}
