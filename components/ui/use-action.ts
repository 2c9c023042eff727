'use client';

import { useState } from 'react';
import type { ActionResult } from '@/lib/actions';

/**
 * Runs a server action from a button: pending while it runs, and the server's refusal (or
 * `unreachable`, when the request never got an answer) as the error to show. `run` resolves to
 * that outcome, so that a caller can act on success (close a dialog, refresh) or on failure.
 * A caller with several kinds of change keeps which one is in flight itself, next to `pending`.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, unreachable: string) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(input: I): Promise<ActionResult<T>> {
    setPending(true);
    setError(null);
    let result: ActionResult<T>;
    try {
      result = await action(input);
    } catch {
      result = { ok: false, error: unreachable };
    } finally {
      setPending(false);
    }
    if (!result.ok) setError(result.error);
    return result;
  }

  /** Forgets the last refusal, say when the dialog that showed it closes. */
  const clearError = () => setError(null);

  return { run, pending, error, clearError };
}
