'use client';

import type { z } from 'zod';
import type { ActionResult } from '@/lib/actions';
import { zodFieldErrors } from '@/lib/api/errors';
import { useAction } from './use-action';

const UNREACHABLE = 'Could not reach Switchboard; nothing was saved. Check your connection and try again.';

/**
 * Submits a form through a server action: checks the input with the same zod schema as the
 * server first (instant field errors), then shows what the server answered.
 */
export function useFormAction<S extends z.ZodType, T>(schema: S, action: (input: unknown) => Promise<ActionResult<T>>) {
  const { run, pending, error, fieldErrors, refuse } = useAction(action, UNREACHABLE);

  async function submit(input: z.input<S>): Promise<T | undefined> {
    const checked = schema.safeParse(input);
    if (!checked.success) {
      refuse('Please correct the highlighted fields.', zodFieldErrors(checked.error));
      return undefined;
    }
    const result = await run(input);
    return result.ok ? result.data : undefined;
  }

  return { submit, pending, error, fieldErrors };
}
