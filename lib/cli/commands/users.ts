import { z } from 'zod';
import type { Db } from '@/db';
import { findUserByEmail, listUsers, type UserRow } from '@/db/queries/users';
import { notFound } from '@/lib/api/errors';
import { ROLE_DESCRIPTIONS, ROLES } from '@/lib/auth/roles';
import { changeUserRole, createUser, setUserDisabled, setUserPassword } from '@/lib/users/manage';
import { EmailSchema, NewUserSchema, RoleSchema } from '@/lib/validations/user';
import { defineCommand, type OptionSpec } from '../command';
import { cliActor, describeStore, withDatabase } from '../database';
import { PASSWORD_HELP, passwordFields, passwordOptions, resolvePassword } from '../password';
import { formatWhen } from '@/lib/format/time';
import { formatTable } from '../table';

const emailOption: OptionSpec = {
  type: 'string',
  value: 'E',
  description: "The user's e-mail address (their sign-in name).",
};
const roleOption: OptionSpec = { type: 'string', value: 'R', description: `One of ${ROLES.join(', ')}.` };
const ROLES_HELP = `Roles:\n${ROLES.map((r) => `  ${r.padEnd(11)}${ROLE_DESCRIPTIONS[r]}`).join('\n')}`;

async function userByEmail(db: Db, email: string): Promise<UserRow> {
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound(`There is no user with the e-mail ${email}.`);
  return user;
}

export const usersCreate = defineCommand({
  path: ['users', 'create'],
  summary: 'Creates a user who can sign in with an e-mail and password.',
  usage: '--email E --role R [--password P | --password-stdin] [--name N]',
  help: [
    ROLES_HELP,
    PASSWORD_HELP,
    'Example: printf %s "$PW" | npx switchboard users create --email ana@example.com --role admin --password-stdin',
  ],
  options: {
    email: emailOption,
    role: roleOption,
    ...passwordOptions,
    name: { type: 'string', value: 'N', description: 'A display name (optional).' },
  },
  required: ['email', 'role'],
  schema: z.object({ email: EmailSchema, role: RoleSchema, name: NewUserSchema.shape.name, ...passwordFields }),
  async run(input) {
    const password = await resolvePassword(input);
    await withDatabase(async ({ db }) => {
      const { id } = await createUser(
        db,
        { email: input.email, role: input.role, name: input.name, password },
        cliActor(),
      );
      console.log(`Created ${input.role} ${input.email.toLowerCase()} (user ${id}) in ${describeStore()}.`);
    });
  },
});

export const usersList = defineCommand({
  path: ['users', 'list'],
  summary: 'Lists the users with their roles.',
  options: {},
  schema: z.object({}),
  async run() {
    await withDatabase(async ({ db }) => {
      const users = await listUsers(db);
      if (!users.length) {
        console.log(
          'No users yet. Create the first admin with: npx switchboard users create --email E --role admin --password-stdin',
        );
        return;
      }
      const rows = users.map((u) => [
        String(u.id),
        u.email,
        u.name ?? '',
        u.role,
        u.disabledAt ? 'disabled' : 'active',
        formatWhen(u.createdAt),
      ]);
      console.log(formatTable(['ID', 'E-MAIL', 'NAME', 'ROLE', 'STATE', 'CREATED'], rows));
    });
  },
});

export const usersSetRole = defineCommand({
  path: ['users', 'set-role'],
  summary: "Changes a user's role (the last active admin cannot be demoted).",
  usage: '--email E --role R',
  help: [ROLES_HELP],
  options: { email: emailOption, role: roleOption },
  required: ['email', 'role'],
  schema: z.object({ email: EmailSchema, role: RoleSchema }),
  async run(input) {
    await withDatabase(async ({ db }) => {
      const user = await userByEmail(db, input.email);
      await changeUserRole(db, { userId: user.id, role: input.role }, cliActor());
      console.log(
        user.role === input.role
          ? `${user.email} is already ${input.role}.`
          : `${user.email} is now ${input.role} (was ${user.role}).`,
      );
    });
  },
});

function disableCommand(disabled: boolean) {
  return defineCommand({
    path: ['users', disabled ? 'disable' : 'enable'],
    summary: disabled
      ? 'Disables a user: signed out at once, cannot sign in (the last active admin cannot be disabled).'
      : 'Re-enables a disabled user.',
    usage: '--email E',
    options: { email: emailOption },
    required: ['email'],
    schema: z.object({ email: EmailSchema }),
    async run(input) {
      await withDatabase(async ({ db }) => {
        const user = await userByEmail(db, input.email);
        await setUserDisabled(db, { userId: user.id, disabled }, cliActor());
        console.log(`${user.email} is ${disabled ? 'disabled' : 'enabled'}.`);
      });
    },
  });
}
export const usersDisable = disableCommand(true);
export const usersEnable = disableCommand(false);

export const usersSetPassword = defineCommand({
  path: ['users', 'set-password'],
  summary: "Sets a user's password (e.g. for an admin who forgot theirs).",
  usage: '--email E [--password P | --password-stdin]',
  help: [PASSWORD_HELP],
  options: { email: emailOption, ...passwordOptions },
  required: ['email'],
  schema: z.object({ email: EmailSchema, ...passwordFields }),
  async run(input) {
    const password = await resolvePassword(input);
    await withDatabase(async ({ db }) => {
      const user = await userByEmail(db, input.email);
      await setUserPassword(db, { userId: user.id, password }, cliActor());
      console.log(`Set a new password for ${user.email}.`);
    });
  },
});
