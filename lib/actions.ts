// Server actions answer with one shape, and each checks the caller's role itself.
import type { z } from 'zod';
import { ApiError, isDatabaseUnavailable, zodFieldErrors, type FieldErrors } from '@/lib/api/errors';
import { requireUser } from '@/lib/auth/guard';
import type { CurrentUser } from '@/lib/auth/current-user';
import type { Role } from '@/lib/auth/roles';

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };

/**
 * Wraps a server action: checks the role, validates the input with `schema`, and turns any
 * failure into `{ ok: false }` with a message a person can act on.
 */
export function roleAction<S extends z.ZodType, T>(
  role: Role,
  schema: S,
  fn: (input: z.infer<S>, user: CurrentUser) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const user = await requireUser(role);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        return {
          ok: false,
          error: 'Please correct the highlighted fields.',
          fieldErrors: zodFieldErrors(parsed.error),
        };
      }
      return { ok: true, data: await fn(parsed.data, user) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.message, fieldErrors: err.fieldErrors };
      if (isDatabaseUnavailable(err))
        return { ok: false, error: 'The database is not available; nothing was saved. Try again.' };
      console.error('Server action failed:', err instanceof Error ? err.stack : err);
      return { ok: false, error: 'Something went wrong; nothing was saved.' };
    }
  };
}
