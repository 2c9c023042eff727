'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ChoiceGroup } from '@/components/ui/choice-group';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionResult } from '@/lib/actions';
import { SEVERITIES, SEVERITY_DESCRIPTIONS } from '@/lib/alerts/severity';
import { WebhookSchema } from '@/lib/validations/webhook';
import type { WebhookView } from './types';

/** Adds a webhook, or edits one when `webhook` is given (`save` then knows which). */
export function WebhookForm({
  webhook,
  save,
  onDone,
}: {
  webhook?: WebhookView;
  save: (input: unknown) => Promise<ActionResult<{ id: number; name: string }>>;
  onDone?: () => void;
}) {
  const { submit, pending, error, fieldErrors } = useFormAction(WebhookSchema, save);
  const [saved, setSaved] = useState<string | null>(null);
  const prefix = webhook ? `webhook-${webhook.id}` : 'new-webhook';

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSaved(null);
    const values = {
      name: String(form.get('name') ?? ''),
      url: String(form.get('url') ?? ''),
      minSeverity: String(form.get('minSeverity') ?? '') as never,
      enabled: form.get('enabled') === 'on',
    };
    const data = await submit(values);
    if (!data) return;
    if (webhook) onDone?.();
    else {
      formElement.reset();
      setSaved(`Added “${data.name}”. Use “Send test” to check that it arrives.`);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-border bg-panel p-4 sm:p-5">
      <h2 className="text-lg font-semibold">{webhook ? `Edit “${webhook.name}”` : 'Add a webhook'}</h2>
      <Field id={`${prefix}-name`} label="Name" name="name" maxLength={100} defaultValue={webhook?.name} placeholder="e.g. #ai-oncall in Slack" errors={fieldErrors.name} />
      <Field
        id={`${prefix}-url`}
        label="URL"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        defaultValue={webhook?.url}
        placeholder="https://hooks.slack.com/services/…"
        errors={fieldErrors.url}
        hint="Alerts are POSTed here as Slack-compatible JSON (Slack, Mattermost, Rocket.Chat, or your own receiver)."
      />
      <ChoiceGroup
        type="radio"
        name="minSeverity"
        legend="Send alerts of at least"
        choices={SEVERITIES.map((s) => ({ value: s, label: <span className="capitalize">{s}</span>, description: SEVERITY_DESCRIPTIONS[s] }))}
        defaultValue={webhook?.minSeverity ?? 'ticket'}
        errors={fieldErrors.minSeverity}
        columns="sm:grid-cols-3"
      />
      <label className="flex min-h-11 items-center gap-3 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={webhook?.enabled ?? true} className="size-4 accent-[var(--color-accent)]" />
        Enabled (a disabled webhook receives nothing)
      </label>
      <FormError error={error} />
      {saved ? (
        <p role="status" className="rounded-md bg-ok-bg px-3 py-2 text-sm text-ok">
          {saved}
        </p>
      ) : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : webhook ? 'Save changes' : 'Add webhook'}
        </Button>
        {webhook ? (
          <Button variant="secondary" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
