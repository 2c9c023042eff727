'use client';

// Creating a flag trigger: a name, what it does, and whether a resolved alert restores the switch.
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useAction } from '@/components/ui/use-action';
import type { NewTriggerUrl, TriggerActions } from './types';

interface Props {
  featureKey: string;
  create: TriggerActions['create'];
  onCreated: (url: NewTriggerUrl) => void;
}

export function TriggerForm({ featureKey, create, onCreated }: Props) {
  const [action, setAction] = useState<'kill' | 'restore'>('kill');
  const { run, pending, error, fieldErrors } = useAction(
    create,
    'Switchboard did not answer; nothing was created. Try again.',
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const result = await run({
      feature: featureKey,
      trigger: {
        name: String(data.get('name') ?? ''),
        action,
        restoreOnResolve: action === 'kill' && data.get('restoreOnResolve') === 'on',
      },
    });
    if (result.ok) {
      form.reset();
      onCreated(result.data);
    }
  }

  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3"
      aria-label="New trigger"
    >
      <h3 className="text-sm font-semibold">New trigger</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Trigger name"
          name="name"
          required
          maxLength={80}
          placeholder="alertmanager-page"
          errors={fieldErrors.name}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="trigger-action" className="text-sm font-medium">
            When called
          </label>
          <select
            id="trigger-action"
            className={inputClass}
            value={action}
            onChange={(e) => setAction(e.target.value as 'kill' | 'restore')}
          >
            <option value="kill">Kill the switch</option>
            <option value="restore">Restore the switch</option>
          </select>
        </div>
      </div>
      {action === 'kill' ? (
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="restoreOnResolve" className="size-5" />
          Restore the switch when the alert resolves (if this trigger killed it)
        </label>
      ) : null}
      <FormError error={error} />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Creating…' : 'Create trigger'}
      </Button>
    </form>
  );
}
