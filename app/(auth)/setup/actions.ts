'use server';

import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { countUsers } from '@/db/queries/users';
import type { ActionResult } from '@/lib/actions';
import { ApiError, zodFieldErrors } from '@/lib/api/errors';
import { createUser } from '@/lib/users/manage';
import { NewUserSchema } from '@/lib/validations/user';

const SetupSchema = NewUserSchema.omit({ role: true });

/** Creates the first admin. Refused once any user exists, so the page cannot be replayed. */
export async function createFirstAdmin(input: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = SetupSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors: zodFieldErrors(parsed.error) };
  const db = await getDb();
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
      if ((await countUsers(tx)) > 0) throw new ApiError(409, 'conflict', 'Setup is already done: sign in instead.');
      await createUser(tx, { ...parsed.data, role: 'admin' }, { id: 'setup', label: 'setup page' });
    });
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.message, fieldErrors: err.fieldErrors };
    throw err;
  }
  return { ok: true, data: { email: parsed.data.email } };
}
