import type { DeliveryView, WebhookView } from '@/components/webhooks/types';
import { WebhookCard } from '@/components/webhooks/webhook-card';
import { WebhookForm } from '@/components/webhooks/webhook-form';
import { getDb } from '@/db';
import { listRecentDeliveries, listWebhooks, type DeliveryLogRow } from '@/db/queries/webhooks';
import { requirePageUser } from '@/lib/auth/page-user';
import { formatWhen } from '@/lib/format/time';
import { secretHint } from '@/lib/webhooks/kinds';
import { redactWebhookUrl } from '@/lib/webhooks/manage';
import { addWebhook, deleteWebhook, editWebhook, setWebhookEnabled, testWebhook } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Webhooks' };

function deliveryView(d: DeliveryLogRow, now: number): DeliveryView {
  const state = d.deliveredAt ? 'delivered' : d.failedAt ? 'failed' : d.attempts > 0 ? 'retrying' : 'pending';
  const settled =
    state === 'delivered'
      ? `delivered ${formatWhen(d.deliveredAt, now)}`
      : state === 'failed'
        ? `gave up ${formatWhen(d.failedAt, now)}`
        : d.nextAttemptAt
          ? `next attempt ${formatWhen(d.nextAttemptAt, now)}`
          : null;
  return { ...d, state, created: formatWhen(d.createdAt, now), settled };
}

async function loadWebhooks(isAdmin: boolean): Promise<WebhookView[]> {
  const db = await getDb();
  const now = Date.now();
  const [webhooks, deliveries] = await Promise.all([listWebhooks(db), listRecentDeliveries(db)]);
  return webhooks.map((w) => ({
    id: w.id,
    name: w.name,
    kind: w.kind,
    url: isAdmin ? w.url : redactWebhookUrl(w.url),
    keyHint: secretHint(w.secretEnd),
    enabled: w.enabled,
    minSeverity: w.minSeverity,
    created: formatWhen(w.createdAt, now),
    deliveries: deliveries.filter((d) => d.webhookId === w.id).map((d) => deliveryView(d, now)),
  }));
}

export default async function WebhooksPage() {
  const user = await requirePageUser();
  const isAdmin = user.role === 'admin';
  const webhooks = await loadWebhooks(isAdmin);
  const actions = { addWebhook, editWebhook, setWebhookEnabled, deleteWebhook, testWebhook };
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-muted">
        Alerts are posted to these URLs when they fire and when they resolve, as Slack-compatible JSON with a link to
        the feature at the time of the alert, or as PagerDuty or Opsgenie incidents that open and close with the alert.
        Failed deliveries are retried with backoff for about ten minutes.
        {isAdmin ? null : ' Only admins can change webhooks; the URLs are shortened because they often hold a secret.'}
      </p>
      <section aria-labelledby="webhooks-title" className="flex flex-col gap-3">
        <h2 id="webhooks-title" className="text-lg font-semibold">
          Webhooks{' '}
          <span className="text-sm font-normal text-muted">({webhooks.filter((w) => w.enabled).length} enabled)</span>
        </h2>
        {webhooks.length ? (
          webhooks.map((w) => (
            <WebhookCard
              key={`${w.id}-${w.name}-${w.kind}-${w.url}-${w.keyHint}-${w.enabled}-${w.minSeverity}`}
              webhook={w}
              actions={isAdmin ? actions : undefined}
            />
          ))
        ) : (
          <p className="rounded-lg border border-dashed border-border p-4 text-sm text-muted">
            No webhooks yet: alerts are only shown on the Alerts page.{' '}
            {isAdmin
              ? 'Add a Slack incoming webhook (or any URL that takes JSON), PagerDuty or Opsgenie below.'
              : 'Ask an admin to add one.'}
          </p>
        )}
      </section>
      {isAdmin ? <WebhookForm save={addWebhook} /> : null}
    </div>
  );
}
