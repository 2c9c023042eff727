// Stores what the evaluator decided (planAlertTransitions) and queues the webhook deliveries it
// causes, in one transaction. Safe to run from several instances at once: an alert is opened
// by whichever insert wins the unique "one firing per fingerprint" index, resolved by whichever
// update finds it still firing, and only those rows are announced.
import type { Db } from '@/db';
import { insertFiringAlerts, resolveFiringAlerts } from '@/db/queries/alerts';
import { featuresByKey } from '@/db/queries/features';
import { enqueueDeliveries, type DeliveryEvent } from '@/db/queries/webhook-deliveries';
import { listEnabledWebhooks } from '@/db/queries/webhooks';
import type { AlertCandidate } from './candidates';
import { severityAdmits, type Severity } from './severity';
import type { AlertTransitions, StoredFiringAlert } from './transitions';

export interface AppliedAlertTransitions {
  /** The alerts this call opened, with their new ids (not those another instance opened first). */
  opened: (AlertCandidate & { id: number })[];
  /** The alerts this call resolved. */
  resolved: StoredFiringAlert[];
  /** Webhook deliveries queued for both. */
  deliveriesQueued: number;
}

export async function applyAlertTransitions(
  db: Db,
  { plan, now }: { plan: AlertTransitions; now: Date },
): Promise<AppliedAlertTransitions> {
  if (plan.open.length === 0 && plan.resolve.length === 0) return { opened: [], resolved: [], deliveriesQueued: 0 };
  return db.transaction(async (tx) => {
    const featureIds = new Map(
      [...(await featuresByKey(tx, [...new Set(plan.open.map((c) => c.feature))]))].map(([key, f]) => [key, f.id]),
    );
    const inserted = await insertFiringAlerts(tx, plan.open, featureIds, now);
    const byFingerprint = new Map(plan.open.map((c) => [c.fingerprint, c]));
    const opened = inserted.map((row) => ({ ...byFingerprint.get(row.fingerprint)!, id: row.id }));

    const severities = new Map(
      (
        await resolveFiringAlerts(
          tx,
          plan.resolve.map((a) => Number(a.id)),
          now,
        )
      ).map((r) => [r.id, r.severity]),
    );
    const resolved = plan.resolve.filter((a) => severities.has(Number(a.id)));

    const changes: { alertId: number; severity: Severity; event: DeliveryEvent }[] = [
      ...opened.map((a) => ({ alertId: a.id, severity: a.severity, event: 'firing' as const })),
      ...resolved.map((a) => ({
        alertId: Number(a.id),
        severity: severities.get(Number(a.id))!,
        event: 'resolved' as const,
      })),
    ];
    const webhooks = changes.length ? await listEnabledWebhooks(tx) : [];
    const deliveries = changes.flatMap((c) =>
      webhooks
        .filter((w) => severityAdmits(w.minSeverity, c.severity))
        .map((w) => ({ webhookId: w.id, alertId: c.alertId, event: c.event })),
    );
    const deliveriesQueued = await enqueueDeliveries(tx, deliveries, now);
    return { opened, resolved, deliveriesQueued };
  });
}
