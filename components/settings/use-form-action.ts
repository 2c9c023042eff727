'use client';

import { useState } from 'react';
import type { z } from 'zod';
import type { ActionResult } from '@/lib/actions';
import { zodFieldErrors, type FieldErrors } from '@/lib/api/errors';

/**
 * Submits a form through a server action: checks the input with the same zod schema as the
 * server first (instant field errors), then shows what the server answered.
 */
export function useFormAction<S extends z.ZodType, T>(schema: S, action: (input: unknown) => Promise<ActionResult<T>>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  async function submit(input: z.input<S>): Promise<T | undefined> {
    const checked = schema.safeParse(input);
    if (!checked.success) {
      setError('Please correct the highlighted fields.');
      setFieldErrors(zodFieldErrors(checked.error));
      return undefined;
    }
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await action(input);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return undefined;
      }
      return result.data;
    } catch {
      setError('Could not reach Switchboard; nothing was saved. Check your connection and try again.');
      return undefined;
    } finally {
      setPending(false);
    }
  }

  return { submit, pending, error, fieldErrors };
}
