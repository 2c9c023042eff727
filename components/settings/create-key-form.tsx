'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions';
import { SCOPE_DESCRIPTIONS, SCOPES } from '@/lib/auth/roles';
import { NewApiKeySchema } from '@/lib/validations/api-key';
import { NewKeyReveal } from './new-key-reveal';
import { useFormAction } from './use-form-action';

export interface CreatedKey {
  id: number;
  name: string;
  key: string;
}

export function CreateKeyForm({ createKey }: { createKey: (input: unknown) => Promise<ActionResult<CreatedKey>> }) {
  const { submit, pending, error, fieldErrors } = useFormAction(NewApiKeySchema, createKey);
  const [created, setCreated] = useState<CreatedKey | null>(null);

  if (created) return <NewKeyReveal created={created} onDone={() => setCreated(null)} />;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const data = await submit({ name: String(form.get('name') ?? ''), scopes: form.getAll('scopes').map(String) as never });
    if (data) setCreated(data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-border bg-panel p-4 sm:p-5">
      <h2 className="text-lg font-semibold">Create a key</h2>
      <Field label="Name" name="name" maxLength={100} placeholder="e.g. checkout-app production" errors={fieldErrors.name} hint="Say what uses it, so that you know what breaks when you revoke it." />
      <fieldset aria-describedby={fieldErrors.scopes ? 'scopes-error' : undefined}>
        <legend className="text-sm font-medium">Scopes</legend>
        <p className="text-xs text-muted">Give each key only what its user needs.</p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {SCOPES.map((scope) => (
            <label key={scope} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-border px-3 py-2 has-[:checked]:border-accent has-[:checked]:bg-bg">
              <input type="checkbox" name="scopes" value={scope} className="mt-1 size-4 shrink-0 accent-[var(--color-accent)]" />
              <span>
                <span className="font-mono text-sm font-semibold">{scope}</span>
                <span className="block text-xs text-muted">{SCOPE_DESCRIPTIONS[scope]}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldErrors.scopes ? (
          <p id="scopes-error" className="mt-1 text-sm text-bad">
            {fieldErrors.scopes.join(' ')}
          </p>
        ) : null}
      </fieldset>
      {error ? (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="sm:self-start">
        {pending ? 'Creating…' : 'Create key'}
      </Button>
    </form>
  );
}
