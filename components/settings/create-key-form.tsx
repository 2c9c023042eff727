'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ChoiceGroup } from '@/components/ui/choice-group';
import { FormError } from '@/components/ui/form-error';
import { Field } from '@/components/ui/field';
import { useFormAction } from '@/components/ui/use-form-action';
import type { ActionResult } from '@/lib/actions';
import { SCOPE_DESCRIPTIONS, SCOPES } from '@/lib/auth/roles';
import { NewApiKeySchema } from '@/lib/validations/api-key';
import { NewKeyReveal } from './new-key-reveal';

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
    const data = await submit({
      name: String(form.get('name') ?? ''),
      scopes: form.getAll('scopes').map(String) as never,
    });
    if (data) setCreated(data);
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4 rounded-lg border border-border bg-panel p-4 sm:p-5"
    >
      <h2 className="text-lg font-semibold">Create a key</h2>
      <Field
        label="Name"
        name="name"
        maxLength={100}
        placeholder="e.g. checkout-app production"
        errors={fieldErrors.name}
        hint="Say what uses it, so that you know what breaks when you revoke it."
      />
      <ChoiceGroup
        type="checkbox"
        name="scopes"
        legend="Scopes"
        hint="Give each key only what its user needs."
        choices={SCOPES.map((scope) => ({
          value: scope,
          label: <span className="font-mono">{scope}</span>,
          description: SCOPE_DESCRIPTIONS[scope],
        }))}
        errors={fieldErrors.scopes}
      />
      <FormError error={error} />
      <Button type="submit" disabled={pending} className="sm:self-start">
        {pending ? 'Creating…' : 'Create key'}
      </Button>
    </form>
  );
}
