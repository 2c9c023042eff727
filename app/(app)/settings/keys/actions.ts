'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/actions';
import { createApiKey, revokeApiKeyById } from '@/lib/api-keys/manage';
import { actorOf } from '@/lib/auth/guard';
import { NewApiKeySchema, RevokeApiKeySchema } from '@/lib/validations/api-key';

export const createKey = roleAction('admin', NewApiKeySchema, async (input, user) => {
  const { id, key } = await createApiKey(await getDb(), input, { ...actorOf({ kind: 'user', user }), userId: user.id });
  revalidatePath('/settings/keys');
  return { id, name: input.name, key };
});

export const revokeKey = roleAction('admin', RevokeApiKeySchema, async ({ id }, user) => {
  await revokeApiKeyById(await getDb(), id, actorOf({ kind: 'user', user }));
  revalidatePath('/settings/keys');
  return { id };
});
