'use client';

import { useState } from 'react';
import type { ActionResult } from '@/lib/actions';
import type { FieldErrors } from '@/lib/api/errors';

interface Refusal {
  error: string;
  fieldErrors: FieldErrors;
}

/**
 * Runs a server action from a button or a form: pending while it runs, and the server's refusal
 * (or `unreachable`, when the request never got an answer) as the error and field errors to show.
 * `run` resolves to that outcome, so that a caller can act on success (close a dialog, refresh) or
 * on failure. A caller with several kinds of change keeps which one is in flight itself, next to
 * `pending`.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, unreachable: string) {
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  async function run(input: I): Promise<ActionResult<T>> {
    setPending(true);
    setRefusal(null);
    let result: ActionResult<T>;
    try {
      result = await action(input);
    } catch {
      result = { ok: false, error: unreachable };
    } finally {
      setPending(false);
    }
    if (!result.ok) setRefusal({ error: result.error, fieldErrors: result.fieldErrors ?? {} });
    return result;
  }

  /** Shows a refusal found before asking the server (say, the form's own check). */
  const refuse = (error: string, fieldErrors: FieldErrors = {}) => setRefusal({ error, fieldErrors });
  /** Forgets the last refusal, say when the dialog that showed it closes. */
  const clearError = () => setRefusal(null);

  return {
    run,
    pending,
    error: refusal?.error ?? null,
    fieldErrors: refusal?.fieldErrors ?? NO_FIELD_ERRORS,
    refuse,
    clearError,
  };
}

const NO_FIELD_ERRORS: FieldErrors = {};
