// Account inputs, shared by the forms (client-side checks), the server actions and the CLI.
import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';

export const EmailSchema = z.email('Enter a valid e-mail address.').max(254, 'Use at most 254 characters.');
export const PasswordSchema = z.string().min(8, 'Use at least 8 characters.').max(1024, 'Use at most 1024 characters.');
export const RoleSchema = z.enum(ROLES, { message: `Role must be one of ${ROLES.join(', ')}.` });
const UserIdSchema = z.coerce.number({ message: 'Not a user id.' }).int('Not a user id.').positive('Not a user id.');

export const NewUserSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  role: RoleSchema,
  name: z.string().trim().max(100, 'Use at most 100 characters.').optional(),
});
export type NewUser = z.infer<typeof NewUserSchema>;

export const ChangeRoleSchema = z.object({ userId: UserIdSchema, role: RoleSchema });
export type ChangeRole = z.infer<typeof ChangeRoleSchema>;

export const SetUserDisabledSchema = z.object({ userId: UserIdSchema, disabled: z.boolean() });
export type SetUserDisabled = z.infer<typeof SetUserDisabledSchema>;
