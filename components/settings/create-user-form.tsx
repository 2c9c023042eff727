'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ChoiceGroup } from '@/components/ui/choice-group';
import { FormError } from '@/components/ui/form-error';
import { Field } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions';
import { ROLE_DESCRIPTIONS, ROLES } from '@/lib/auth/roles';
import { NewUserSchema } from '@/lib/validations/user';
import { NewPasswordField } from '@/components/ui/new-password-field';
import { useFormAction } from '@/components/ui/use-form-action';

export function CreateUserForm({
  createUser,
}: {
  createUser: (input: unknown) => Promise<ActionResult<{ id: number; email: string; role: string }>>;
}) {
  const { submit, pending, error, fieldErrors } = useFormAction(NewUserSchema, createUser);
  const [added, setAdded] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setAdded(null);
    const data = await submit({
      email: String(form.get('email') ?? ''),
      name: String(form.get('name') ?? '') || undefined,
      password: String(form.get('password') ?? ''),
      role: String(form.get('role') ?? '') as never,
    });
    if (data) {
      formElement.reset();
      setAdded(`Added ${data.email} as ${data.role}. Give them their password through a safe channel.`);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4 rounded-lg border border-border bg-panel p-4 sm:p-5"
    >
      <h2 className="text-lg font-semibold">Add a user</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="E-mail" name="email" type="email" autoComplete="off" required errors={fieldErrors.email} />
        <Field label="Name (optional)" name="name" autoComplete="off" maxLength={100} errors={fieldErrors.name} />
      </div>
      <NewPasswordField
        errors={fieldErrors.password}
        hint="At least 8 characters. They sign in with it; an admin can set a new one with the CLI."
      />
      <ChoiceGroup
        type="radio"
        name="role"
        legend="Role"
        choices={ROLES.map((role) => ({
          value: role,
          label: <span className="capitalize">{role}</span>,
          description: ROLE_DESCRIPTIONS[role],
        }))}
        defaultValue="viewer"
        errors={fieldErrors.role}
        columns="sm:grid-cols-3"
      />
      <FormError error={error} />
      {added ? (
        <p role="status" className="rounded-md bg-ok-bg px-3 py-2 text-sm text-ok">
          {added}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="sm:self-start">
        {pending ? 'Adding…' : 'Add user'}
      </Button>
    </form>
  );
}
