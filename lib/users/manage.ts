// Creating and changing accounts: shared by the setup page, the settings page, the CLI and
// start-up. Every change is audited, and no change may leave the instance without an admin.
import type { Db } from '@/db';
import { appendAudit, type Actor } from '@/db/queries/audit';
import {
  countActiveAdmins,
  countUsers,
  findUserByEmail,
  findUserById,
  insertUser,
  lockUserChanges,
  setUserDisabledAt,
  updateUserPassword,
  updateUserRole,
  type UserRow,
} from '@/db/queries/users';
import { ApiError, notFound } from '@/lib/api/errors';
import { env } from '@/lib/env';
import { hashPassword } from '@/lib/auth/password';
import type { ChangeRole, NewUser, SetUserDisabled } from '@/lib/validations/user';

/** Who makes a change; `userId` when it is a signed-in user (so they cannot lock themself out). */
export type UserActor = Actor & { userId?: number };

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

async function loadForChange(tx: Db, userId: number): Promise<UserRow> {
  await lockUserChanges(tx);
  const user = await findUserById(tx, userId);
  if (!user) throw notFound(`There is no user with id ${userId}.`);
  return user;
}

/** Refuses a change that would leave no active admin. */
async function keepAnAdmin(tx: Db, user: UserRow, change: string): Promise<void> {
  if (user.role !== 'admin' || user.disabledAt) return;
  if ((await countActiveAdmins(tx, user.id)) === 0) {
    throw new ApiError(
      409,
      'last_admin',
      `Cannot ${change}: no active admin would be left. Make another user an admin first.`,
    );
  }
}

export async function changeUserRole(db: Db, input: ChangeRole, actor: UserActor): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const user = await loadForChange(tx, input.userId);
    if (user.role === input.role) return user;
    if (input.role !== 'admin') await keepAnAdmin(tx, user, `make ${user.email} a ${input.role}`);
    await updateUserRole(tx, user.id, input.role);
    await appendAudit(tx, actor, {
      action: 'user.role_change',
      targetType: 'user',
      targetId: String(user.id),
      before: { email: user.email, role: user.role },
      after: { email: user.email, role: input.role },
    });
    return { ...user, role: input.role };
  });
}

/** Disables (signs out at once, refuses sign-in) or re-enables an account. */
export async function setUserDisabled(db: Db, input: SetUserDisabled, actor: UserActor): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const user = await loadForChange(tx, input.userId);
    if (Boolean(user.disabledAt) === input.disabled) return user;
    if (input.disabled) {
      if (actor.userId === user.id) throw new ApiError(409, 'conflict', 'You cannot disable your own account.');
      await keepAnAdmin(tx, user, `disable ${user.email}`);
    }
    const disabledAt = input.disabled ? new Date() : null;
    await setUserDisabledAt(tx, user.id, disabledAt);
    await appendAudit(tx, actor, {
      action: input.disabled ? 'user.disable' : 'user.enable',
      targetType: 'user',
      targetId: String(user.id),
      before: { email: user.email, disabled: Boolean(user.disabledAt) },
      after: { email: user.email, disabled: input.disabled },
    });
    return { ...user, disabledAt };
  });
}

export async function setUserPassword(
  db: Db,
  input: { userId: number; password: string },
  actor: Actor,
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const user = await loadForChange(tx, input.userId);
    await updateUserPassword(tx, user.id, passwordHash);
    // The audit entry records that it changed, never the password or its hash.
    await appendAudit(tx, actor, {
      action: 'user.password_change',
      targetType: 'user',
      targetId: String(user.id),
      after: { email: user.email },
    });
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
