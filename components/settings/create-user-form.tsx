'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions';
import { ROLE_DESCRIPTIONS, ROLES } from '@/lib/auth/roles';
import { NewUserSchema } from '@/lib/validations/user';
import { useFormAction } from './use-form-action';

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
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-border bg-panel p-4 sm:p-5">
      <h2 className="text-lg font-semibold">Add a user</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="E-mail" name="email" type="email" autoComplete="off" required errors={fieldErrors.email} />
        <Field label="Name (optional)" name="name" autoComplete="off" maxLength={100} errors={fieldErrors.name} />
      </div>
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        errors={fieldErrors.password}
        hint="At least 8 characters. They sign in with it; an admin can set a new one with the CLI."
      />
      <fieldset aria-describedby={fieldErrors.role ? 'role-error' : undefined}>
        <legend className="text-sm font-medium">Role</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {ROLES.map((role) => (
            <label key={role} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-border px-3 py-2 has-[:checked]:border-accent has-[:checked]:bg-bg">
              <input type="radio" name="role" value={role} defaultChecked={role === 'viewer'} className="mt-1 size-4 shrink-0 accent-[var(--color-accent)]" />
              <span>
                <span className="text-sm font-semibold capitalize">{role}</span>
                <span className="block text-xs text-muted">{ROLE_DESCRIPTIONS[role]}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldErrors.role ? (
          <p id="role-error" className="mt-1 text-sm text-bad">
            {fieldErrors.role.join(' ')}
          </p>
        ) : null}
      </fieldset>
      {error ? (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      ) : null}
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
