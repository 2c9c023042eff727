'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/actions';
import { actorOf } from '@/lib/auth/guard';
import { changeUserRole, createUser, setUserDisabled } from '@/lib/users/manage';
import { ChangeRoleSchema, NewUserSchema, SetUserDisabledSchema } from '@/lib/validations/user';

export const addUser = roleAction('admin', NewUserSchema, async (input, user) => {
  const { id } = await createUser(await getDb(), input, actorOf({ kind: 'user', user }));
  revalidatePath('/settings/users');
  return { id, email: input.email.toLowerCase(), role: input.role };
});

export const changeRole = roleAction('admin', ChangeRoleSchema, async (input, user) => {
  const changed = await changeUserRole(await getDb(), input, { ...actorOf({ kind: 'user', user }), userId: user.id });
  revalidatePath('/settings/users');
  return { id: changed.id, role: changed.role };
});

export const setDisabled = roleAction('admin', SetUserDisabledSchema, async (input, user) => {
  await setUserDisabled(await getDb(), input, { ...actorOf({ kind: 'user', user }), userId: user.id });
  revalidatePath('/settings/users');
  return { id: input.userId, disabled: input.disabled };
});
