'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { Field } from '@/components/ui/field';
import type { ActionResult } from '@/lib/actions';
import type { FieldErrors } from '@/lib/api/errors';
import { NewPasswordField } from '@/components/ui/new-password-field';

export function SetupForm({
  createFirstAdmin,
}: {
  createFirstAdmin: (input: unknown) => Promise<ActionResult<{ email: string }>>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    setPending(true);
    const result = await createFirstAdmin({ email, password, name: String(form.get('name') ?? '') || undefined });
    if (!result.ok) {
      setPending(false);
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
      return;
    }
    await signIn('credentials', { email, password, redirect: false });
    router.replace('/');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-border bg-panel p-6">
      <div>
        <h1 className="text-xl font-semibold">Create the first admin</h1>
        <p className="mt-1 text-sm text-muted">
          This page works once, while Switchboard has no users. Add more people later under Settings.
        </p>
      </div>
      <Field label="Name" name="name" autoComplete="name" errors={fieldErrors.name} />
      <Field label="E-mail" name="email" type="email" autoComplete="username" required errors={fieldErrors.email} />
      <NewPasswordField errors={fieldErrors.password} />
      <FormError error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create admin and sign in'}
      </Button>
    </form>
  );
}
