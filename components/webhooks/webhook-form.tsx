'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ChoiceGroup } from '@/components/ui/choice-group';
import { Field, inputClass } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionResult } from '@/lib/actions';
import { SEVERITIES, SEVERITY_DESCRIPTIONS } from '@/lib/alerts/severity';
import { UpdateWebhookSchema, WebhookSchema } from '@/lib/validations/webhook';
import { WEBHOOK_KIND_INFO, WEBHOOK_KINDS, type WebhookKind } from '@/lib/webhooks/kinds';
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
  // An edit may leave the key empty to keep it; the id is checked by the server.
  const { submit, pending, error, fieldErrors } = useFormAction(webhook ? UpdateWebhookSchema : WebhookSchema, save);
  const [saved, setSaved] = useState<string | null>(null);
  const [kind, setKind] = useState<WebhookKind>(webhook?.kind ?? 'slack');
  const prefix = webhook ? `webhook-${webhook.id}` : 'new-webhook';
  const info = WEBHOOK_KIND_INFO[kind];
  // The stored key belongs to the service it was saved for.
  const keptKey = webhook?.kind === kind ? webhook.keyHint : null;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSaved(null);
    const values = {
      ...(webhook ? { id: webhook.id } : {}),
      name: String(form.get('name') ?? ''),
      kind,
      url: String(form.get('url') ?? ''),
      secret: info.key ? String(form.get('secret') ?? '') : '',
      minSeverity: String(form.get('minSeverity') ?? '') as never,
      enabled: form.get('enabled') === 'on',
    };
    const data = await submit(values);
    if (!data) return;
    if (webhook) onDone?.();
    else {
      formElement.reset();
      setKind('slack');
      setSaved(`Added “${data.name}”. Use “Send test” to check that it arrives.`);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4 rounded-lg border border-border bg-panel p-4 sm:p-5"
    >
      <h2 className="text-lg font-semibold">{webhook ? `Edit “${webhook.name}”` : 'Add a webhook'}</h2>
      <Field
        id={`${prefix}-name`}
        label="Name"
        name="name"
        maxLength={100}
        defaultValue={webhook?.name}
        placeholder="e.g. #ai-oncall in Slack"
        errors={fieldErrors.name}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor={`${prefix}-kind`} className="text-sm font-medium">
          Format
        </label>
        <select
          id={`${prefix}-kind`}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as WebhookKind)}
          aria-invalid={fieldErrors.kind ? true : undefined}
          aria-describedby={fieldErrors.kind ? `${prefix}-kind-error` : undefined}
          className={inputClass}
        >
          {WEBHOOK_KINDS.map((k) => (
            <option key={k} value={k}>
              {WEBHOOK_KIND_INFO[k].label}
            </option>
          ))}
        </select>
        {fieldErrors.kind ? (
          <p id={`${prefix}-kind-error`} className="text-sm text-bad">
            {fieldErrors.kind.join(' ')}
          </p>
        ) : null}
      </div>
      <Field
        // Another kind's URL is never right for this one: switching starts the field afresh.
        key={`url-${kind}`}
        id={`${prefix}-url`}
        label={info.defaultUrl ? 'URL (optional)' : 'URL'}
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        defaultValue={webhook?.kind === kind ? webhook.url : undefined}
        placeholder={info.defaultUrl ?? 'https://hooks.slack.com/services/…'}
        errors={fieldErrors.url}
        hint={info.urlHint}
      />
      {info.key ? (
        <Field
          key={`secret-${kind}`}
          id={`${prefix}-secret`}
          label={info.key.label}
          name="secret"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          maxLength={200}
          placeholder={keptKey ? `Leave empty to keep the key ending in ${keptKey.slice(1)}` : undefined}
          errors={fieldErrors.secret}
          hint={`${info.key.hint} Stored to send alerts; shown only as its last 4 characters.`}
        />
      ) : null}
      <ChoiceGroup
        type="radio"
        name="minSeverity"
        legend="Send alerts of at least"
        choices={SEVERITIES.map((s) => ({
          value: s,
          label: <span className="capitalize">{s}</span>,
          description: SEVERITY_DESCRIPTIONS[s],
        }))}
        defaultValue={webhook?.minSeverity ?? 'ticket'}
        errors={fieldErrors.minSeverity}
        columns="sm:grid-cols-3"
      />
      <label className="flex min-h-11 items-center gap-3 text-sm">
        <input
          type="checkbox"
          name="enabled"
          defaultChecked={webhook?.enabled ?? true}
          className="size-4 accent-[var(--color-accent)]"
        />
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
