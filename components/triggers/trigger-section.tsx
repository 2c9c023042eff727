'use client';

// The feature page's flag triggers: secret URLs through which Alertmanager, Grafana or any webhook
// kills or restores this feature's switch (docs/triggers.md). Admins create, rotate, disable and
// delete them; a new or rotated URL is shown once, with a Copy button.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { CopyableSnippet } from '@/components/ui/copyable-snippet';
import { TriggerForm } from './trigger-form';
import { TriggerRow } from './trigger-row';
import type { NewTriggerUrl, TriggerActions, TriggerView } from './types';

interface Props {
  featureKey: string;
  triggers: TriggerView[];
  /** Null for people who may not change triggers (below admin). */
  actions: TriggerActions | null;
}

export function TriggerSection({ featureKey, triggers, actions }: Props) {
  const router = useRouter();
  const [shown, setShown] = useState<NewTriggerUrl | null>(null);
  const changed = (url?: NewTriggerUrl) => {
    setShown(url ?? null);
    router.refresh();
  };
  return (
    <section aria-labelledby="triggers-title" className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <h2 id="triggers-title" className="text-lg font-semibold">
          Flag triggers
        </h2>
        <p className="text-sm text-muted">
          Secret URLs that kill or restore this switch when Alertmanager, Grafana or any webhook calls them, with the
          alert as the reason.
        </p>
      </div>
      {shown ? (
        <div role="status" className="flex flex-col gap-2 rounded-lg border border-accent bg-panel p-3 text-sm">
          <p>
            <strong>URL of “{shown.name}”</strong>: copy it now, it is not shown again. Put it in your alerting system’s
            webhook.
          </p>
          <CopyableSnippet text={shown.url} wrap testId="trigger-url" />
        </div>
      ) : null}
      {triggers.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border bg-panel p-3 text-sm text-muted">
          No triggers yet.{' '}
          {actions
            ? 'Create one below and paste its URL into an Alertmanager receiver or a Grafana contact point.'
            : 'An admin can create one.'}
        </p>
      ) : (
        <ul className="flex flex-col divide-y divide-border rounded-lg border border-border bg-panel">
          {triggers.map((t) => (
            <TriggerRow key={t.id} featureKey={featureKey} trigger={t} actions={actions} onChanged={changed} />
          ))}
        </ul>
      )}
      {actions ? <TriggerForm featureKey={featureKey} create={actions.create} onCreated={changed} /> : null}
    </section>
  );
}
