'use client';

import { CircleCheck, CirclePause, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormError } from '@/components/ui/form-error';
import { useAction } from '@/components/ui/use-action';
import { DeliveryLog } from './delivery-log';
import { TestWebhookButton } from './test-button';
import { WEBHOOK_KIND_INFO } from '@/lib/webhooks/kinds';
import type { WebhookActions, WebhookView } from './types';
import { WebhookForm } from './webhook-form';

const UNREACHABLE = 'Could not reach Switchboard; nothing was changed. Try again.';

/** One webhook with its recent deliveries; admins also get its controls. */
export function WebhookCard({ webhook, actions }: { webhook: WebhookView; actions?: WebhookActions }) {
  const [editing, setEditing] = useState(false);
  const info = WEBHOOK_KIND_INFO[webhook.kind];
  const {
    run: setEnabled,
    pending,
    error,
  } = useAction((enabled: boolean) => actions!.setWebhookEnabled({ id: webhook.id, enabled }), UNREACHABLE);

  if (editing && actions) {
    const save = (input: unknown) => actions.editWebhook({ ...(input as object), id: webhook.id });
    return <WebhookForm webhook={webhook} save={save} onDone={() => setEditing(false)} />;
  }

  return (
    <article
      aria-labelledby={`webhook-${webhook.id}-name`}
      className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-4"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={`webhook-${webhook.id}-name`} className="font-semibold break-words">
          {webhook.name}
        </h3>
        {webhook.enabled ? (
          <Badge tone="ok" icon={CircleCheck}>
            Enabled
          </Badge>
        ) : (
          <Badge tone="neutral" icon={CirclePause}>
            Disabled
          </Badge>
        )}
      </div>
      <p className="font-mono text-sm break-all text-muted">{webhook.url}</p>
      <p className="text-sm text-muted">
        {info.label}
        {info.key && webhook.keyHint ? (
          <>
            {' '}
            · {info.key.label.toLowerCase()} ending in{' '}
            <span className="font-mono text-text">{webhook.keyHint.slice(1)}</span>
          </>
        ) : null}
      </p>
      <p className="text-sm text-muted">
        Alerts of severity <strong className="text-text">{webhook.minSeverity}</strong> and above · added{' '}
        {webhook.created}
      </p>
      {actions ? (
        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-start">
          <TestWebhookButton
            id={webhook.id}
            name={webhook.name}
            paging={info.key !== null}
            testWebhook={actions.testWebhook}
          />
          <Button variant="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${webhook.name}`}>
            <Pencil aria-hidden className="size-4" /> Edit
          </Button>
          <Button
            variant="secondary"
            onClick={() => setEnabled(!webhook.enabled)}
            disabled={pending}
            aria-label={`${webhook.enabled ? 'Disable' : 'Enable'} ${webhook.name}`}
          >
            {pending ? 'Saving…' : webhook.enabled ? 'Disable' : 'Enable'}
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="secondary" aria-label={`Delete ${webhook.name}`}>
                <Trash2 aria-hidden className="size-4 text-bad" /> Delete…
              </Button>
            }
            title={`Delete the webhook “${webhook.name}”?`}
            description="It receives no more alerts, and its delivery log is deleted with it. Deliveries still queued are dropped."
            confirmLabel="Delete webhook"
            onConfirm={() => actions.deleteWebhook({ id: webhook.id })}
            unreachable={UNREACHABLE}
          />
        </div>
      ) : null}
      <FormError error={error} />
      <section aria-label={`Deliveries to ${webhook.name}`} className="flex flex-col gap-2">
        <h4 className="text-sm font-semibold">Recent deliveries</h4>
        <DeliveryLog deliveries={webhook.deliveries} />
      </section>
    </article>
  );
}
