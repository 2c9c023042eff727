// The delivery queue: rows enqueued with the alert change that caused them, claimed by one
// worker at a time (FOR UPDATE SKIP LOCKED plus a lease), and settled with each attempt's answer.
import { and, eq, sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { webhookDeliveries, webhookDeliveryAttempts } from '../schema';
import type { Severity } from '@/lib/alerts/severity';
import type { WebhookKind } from '@/lib/webhooks/kinds';

export type DeliveryEvent = 'firing' | 'resolved';

/** Queues one delivery per (webhook, alert, event); a repeated enqueue is a no-op. */
export async function enqueueDeliveries(
  db: Db,
  rows: { webhookId: number; alertId: number; event: DeliveryEvent }[],
  now: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(webhookDeliveries)
    .values(rows.map((r) => ({ ...r, nextAttemptAt: now, createdAt: now })))
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  return inserted.length;
}

/** A claimed delivery with what sending it needs: where to, and the alert as it is stored now. */
export interface ClaimedDelivery {
  id: number;
  event: DeliveryEvent;
  /** This attempt's number (1 for the first); also the claim's token when settling. */
  attempt: number;
  webhook: { id: number; name: string; kind: WebhookKind; url: string; secret: string | null; enabled: boolean };
  alert: {
    id: number;
    feature: string;
    kind: string;
    severity: Severity;
    summary: string;
    details: Record<string, number | string | null>;
    startedAt: Date;
    resolvedAt: Date | null;
    acknowledgedBy: string | null;
  };
}

/**
 * Claims up to `limit` deliveries due at `now`: counts the attempt and pushes the due time to
 * `leaseUntil`, so no other worker takes them while this one sends (rows another worker is
 * claiming at the same moment are skipped, not waited for). A worker that dies mid-send leaves
 * the row to be retried when the lease ends.
 */
export async function claimDueDeliveries(
  db: Db,
  { now, leaseUntil, limit }: { now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedDelivery[]> {
  const rows = resultRows<Record<string, unknown>>(
    await db.execute(sql`
      with due as (
        select id from webhook_deliveries
        where next_attempt_at <= ${now.toISOString()}::timestamptz
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked
      )
      update webhook_deliveries d
      set attempts = d.attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
      from due, webhooks w, alerts a, features f
      where d.id = due.id and w.id = d.webhook_id and a.id = d.alert_id and f.id = a.feature_id
      returning d.id, d.event, d.attempts, w.id as webhook_id, w.name as webhook_name, w.kind as webhook_kind, w.url, w.secret, w.enabled,
                a.id as alert_id, f.key as feature, a.kind, a.severity, a.title, a.details, a.started_at, a.resolved_at, a.acknowledged_by`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    event: r.event as DeliveryEvent,
    attempt: Number(r.attempts),
    webhook: {
      id: Number(r.webhook_id),
      name: String(r.webhook_name),
      kind: r.webhook_kind as WebhookKind,
      url: String(r.url),
      secret: (r.secret as string | null) ?? null,
      enabled: Boolean(r.enabled),
    },
    alert: {
      id: Number(r.alert_id),
      feature: String(r.feature),
      kind: String(r.kind),
      severity: r.severity as Severity,
      summary: String(r.title),
      details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<
        string,
        number | string | null
      >,
      startedAt: new Date(r.started_at as string),
      resolvedAt: r.resolved_at ? new Date(r.resolved_at as string) : null,
      acknowledgedBy: (r.acknowledged_by as string | null) ?? null,
    },
  }));
}

export interface AttemptResult {
  deliveryId: number;
  attempt: number;
  at: Date;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** delivered, failed (given up), or retry at `nextAttemptAt`. */
  outcome: { kind: 'delivered' } | { kind: 'failed' } | { kind: 'retry'; nextAttemptAt: Date };
}

/**
 * Stores an attempt's answer on the delivery (the last one) and in the attempt log. Only the
 * holder of the claim settles it: a row re-claimed after an expired lease has a newer attempt.
 */
export async function recordDeliveryAttempt(db: Db, result: AttemptResult): Promise<boolean> {
  const { outcome } = result;
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(webhookDeliveries)
      .set({
        lastStatus: result.status,
        lastError: result.error,
        nextAttemptAt: outcome.kind === 'retry' ? outcome.nextAttemptAt : null,
        deliveredAt: outcome.kind === 'delivered' ? result.at : null,
        failedAt: outcome.kind === 'failed' ? result.at : null,
      })
      .where(and(eq(webhookDeliveries.id, result.deliveryId), eq(webhookDeliveries.attempts, result.attempt)))
      .returning({ id: webhookDeliveries.id });
    if (updated.length === 0) return false;
    await tx.insert(webhookDeliveryAttempts).values({
      deliveryId: result.deliveryId,
      attempt: result.attempt,
      at: result.at,
      status: result.status,
      error: result.error,
      durationMs: Math.round(result.durationMs),
    });
    return true;
  });
}
