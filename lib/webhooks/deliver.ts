// One round of the delivery worker: claim what is due, send each, record each answer.
import type { Db } from '@/db';
import { claimDueDeliveries, recordDeliveryAttempt, type ClaimedDelivery } from '@/db/queries/webhook-deliveries';
import { isPagingKind } from './kinds';
import { sendWebhookRequest, webhookRequest } from './request';
import { DEFAULT_RETRY_POLICY, decideOutcome, type RetryPolicy } from './retry';

export interface DeliveryOptions {
  /** The dashboard's public URL, for the links in the messages. */
  baseUrl: string;
  /** The time of this round (the worker passes the clock; tests pass any time). */
  now?: Date;
  /** Deliveries claimed per round. Default 20. */
  batchSize?: number;
  /** How long a claim keeps other workers away; longer than the send timeout. Default 60 s. */
  leaseMs?: number;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  random?: () => number;
}

export interface RoundResult {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

export async function deliverDueWebhooks(db: Db, options: DeliveryOptions): Promise<RoundResult> {
  const now = options.now ?? new Date();
  const claimed = await claimDueDeliveries(db, {
    now,
    leaseUntil: new Date(now.getTime() + (options.leaseMs ?? 60_000)),
    limit: options.batchSize ?? 20,
  });
  const result: RoundResult = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (delivery) => {
      const kind = await deliverOne(db, delivery, now, options);
      result[kind === 'delivered' ? 'delivered' : kind === 'retry' ? 'retrying' : 'failed']++;
    }),
  );
  return result;
}

async function deliverOne(
  db: Db,
  delivery: ClaimedDelivery,
  now: Date,
  options: DeliveryOptions,
): Promise<'delivered' | 'retry' | 'failed'> {
  const base = { deliveryId: delivery.id, attempt: delivery.attempt };
  if (!delivery.webhook.enabled) {
    await recordDeliveryAttempt(db, {
      ...base,
      at: now,
      status: null,
      error: 'Not sent: the webhook was disabled.',
      durationMs: 0,
      outcome: { kind: 'failed' },
    });
    return 'failed';
  }
  // A page that went out after its resolve (a trigger retried past it, or both sent in one round)
  // would open an incident nothing closes; the alert is over, so the page is dropped.
  if (isPagingKind(delivery.webhook.kind) && delivery.event === 'firing' && delivery.alert.resolvedAt) {
    await recordDeliveryAttempt(db, {
      ...base,
      at: now,
      status: null,
      error: 'Not sent: the alert had resolved before it could page.',
      durationMs: 0,
      outcome: { kind: 'failed' },
    });
    return 'failed';
  }
  const request = webhookRequest(delivery.webhook, delivery.alert, delivery.event, options.baseUrl);
  const sent = await sendWebhookRequest(request, { timeoutMs: options.timeoutMs });
  // Tests move `now` by hand, so the answer's time is the round's time plus how long it took.
  const at = new Date(now.getTime() + sent.durationMs);
  const outcome = decideOutcome(
    { attempt: delivery.attempt, status: sent.status, retryAfterMs: sent.retryAfterMs, at },
    options.retry ?? DEFAULT_RETRY_POLICY,
    options.random,
  );
  await recordDeliveryAttempt(db, {
    ...base,
    at,
    status: sent.status,
    error: sent.error,
    durationMs: sent.durationMs,
    outcome,
  });
  if (outcome.kind === 'failed')
    console.warn(
      `Webhook "${delivery.webhook.name}": gave up on delivery ${delivery.id} after attempt ${delivery.attempt}: ${sent.error}`,
    );
  return outcome.kind;
}
