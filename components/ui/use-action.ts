'use client';

import { useState } from 'react';
import type { ActionResult } from '@/lib/actions';

/**
 * Runs a server action from a button: pending while it runs, and the server's refusal (or
 * `unreachable`, when the request never got an answer) as the error to show.
 */
export function useAction<T>(action: (input: unknown) => Promise<ActionResult<T>>, unreachable: string) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(input: unknown): Promise<T | undefined> {
    setPending(true);
    setError(null);
    try {
      const result = await action(input);
      if (result.ok) return result.data;
      setError(result.error);
    } catch {
      setError(unreachable);
    } finally {
      setPending(false);
    }
    return undefined;
  }

  return { run, pending, error };
}
