// Creating accounts: shared by the setup page, the settings page, the CLI and start-up.
import { z } from 'zod';
import type { Db } from '@/db';
import { appendAudit, type Actor } from '@/db/queries/audit';
import { countUsers, findUserByEmail, insertUser } from '@/db/queries/users';
import { ApiError } from '@/lib/api/errors';
import { env } from '@/lib/env';
import { hashPassword } from '@/lib/auth/password';
import { ROLES } from '@/lib/auth/roles';

export const NewUserSchema = z.object({
  email: z.email('Enter a valid e-mail address.').max(254),
  password: z.string().min(8, 'Use at least 8 characters.').max(1024, 'Use at most 1024 characters.'),
  role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(', ')}.` }),
  name: z.string().trim().max(100).optional(),
});
export type NewUser = z.infer<typeof NewUserSchema>;

export async function createUser(db: Db, input: NewUser, actor: Actor): Promise<{ id: number }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) {
      throw new ApiError(409, 'conflict', `A user with the e-mail ${input.email} already exists.`, {
        email: ['This e-mail is taken.'],
      });
    }
    const user = await insertUser(tx, { email: input.email, passwordHash, role: input.role, name: input.name });
    await appendAudit(tx, actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: String(user.id),
      after: { email: input.email.toLowerCase(), role: input.role },
    });
    return user;
  });
}

/** Creates the first admin from SWITCHBOARD_ADMIN_EMAIL/PASSWORD when the instance has no users. */
export async function ensureAdminFromEnv(db: Db): Promise<'created' | 'exists' | 'not-configured'> {
  if (!env.SWITCHBOARD_ADMIN_EMAIL || !env.SWITCHBOARD_ADMIN_PASSWORD) return 'not-configured';
  if ((await countUsers(db)) > 0) return 'exists';
  await createUser(
    db,
    { email: env.SWITCHBOARD_ADMIN_EMAIL, password: env.SWITCHBOARD_ADMIN_PASSWORD, role: 'admin' },
    { id: 'system', label: 'SWITCHBOARD_ADMIN_EMAIL' },
  );
  return 'created';
}
