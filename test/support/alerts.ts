// Helpers for the alert and webhook tests: candidates as the evaluator makes them, webhooks
// inserted directly, and a private clock far ahead so the app's own delivery worker (which
// uses the real time) never claims what a test delivers by hand.
import { eq, inArray } from 'drizzle-orm';
import { webhookDeliveries, webhookDeliveryAttempts, webhooks } from '@/db/schema';
import { applyAlertTransitions } from '@/lib/alerts/apply';
import type { AlertCandidate } from '@/lib/alerts/candidates';
import type { Severity } from '@/lib/alerts/severity';
import type { WebhookKind } from '@/lib/webhooks/kinds';
import { testDatabase } from './system';

let counter = 0;

export function alertCandidate(feature: string, fields: Partial<AlertCandidate> = {}): AlertCandidate {
  return {
    fingerprint: `slo:${feature}:up:page:${counter++}`,
    feature,
    kind: 'slo',
    severity: 'page',
    summary: `${feature}/up: error budget burning at 15.2× over 1h and 16× over 5m (threshold 14.4×)`,
    values: { slo: 'up', burnRate: 15.2, threshold: 14.4, objective: 0.999, budgetRemaining: 0.62 },
    ...fields,
  };
}

/** A time `days` ahead of now, plus `offsetMs`: deliveries due then are the test's alone. */
export const future = (days: number, offsetMs = 0) => new Date(Date.now() + days * 86_400_000 + offsetMs);

const created: number[] = [];

/**
 * Every enabled webhook gets every alert, so each test removes its own (removeTestWebhooks).
 * `paging` makes it a PagerDuty or Opsgenie webhook with that key.
 */
export async function insertWebhook(
  url: string,
  minSeverity: Severity = 'ticket',
  enabled = true,
  paging?: { kind: WebhookKind; secret: string },
): Promise<number> {
  const { db } = await testDatabase();
  const [row] = await db
    .insert(webhooks)
    .values({ name: `test hook ${counter++}`, url, minSeverity, enabled, ...paging })
    .returning({ id: webhooks.id });
  created.push(row.id);
  return row.id;
}

export async function removeTestWebhooks(): Promise<void> {
  const ids = created.splice(0);
  if (ids.length) await (await testDatabase()).db.delete(webhooks).where(inArray(webhooks.id, ids));
}

/** Opens the candidates as firing alerts (as the evaluator would) and returns their ids. */
export async function openAlerts(candidates: AlertCandidate[], now: Date): Promise<number[]> {
  const { db } = await testDatabase();
  const { opened } = await applyAlertTransitions(db, { plan: { open: candidates, resolve: [], keep: [] }, now });
  return opened.map((a) => a.id);
}

/** Resolves the firing alerts `ids` at `now` (as the evaluator would), queuing their deliveries. */
export async function resolveAlerts(ids: number[], now: Date): Promise<void> {
  const { db } = await testDatabase();
  await applyAlertTransitions(db, {
    plan: { open: [], resolve: ids.map((id) => ({ id, fingerprint: '', feature: '' })), keep: [] },
    now,
  });
}

export async function deliveriesOf(webhookId: number) {
  const { db } = await testDatabase();
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(webhookDeliveries.id);
}

export async function attemptsOf(deliveryId: number) {
  const { db } = await testDatabase();
  return db
    .select()
    .from(webhookDeliveryAttempts)
    .where(eq(webhookDeliveryAttempts.deliveryId, deliveryId))
    .orderBy(webhookDeliveryAttempts.attempt);
}
