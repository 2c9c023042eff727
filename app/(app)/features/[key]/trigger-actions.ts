'use server';

// The feature page's flag-trigger forms (admins); the same functions as the API (lib/triggers).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getControlDb } from '@/db';
import { roleAction } from '@/lib/actions';
import { actorOf } from '@/lib/auth/guard';
import { publicUrl } from '@/lib/env';
import { changeTrigger, createTrigger, removeTrigger, rotateTrigger } from '@/lib/triggers/manage-triggers';
import { triggerUrl } from '@/lib/triggers/secret';

const feature = z.string({ message: 'Name the feature.' }).min(1, 'Name the feature.').max(200);
const TriggerRefSchema = z.strictObject({ feature, id: z.number().int().positive() });

const pagePath = (key: string) => `/features/${encodeURIComponent(key)}`;

export const createTriggerAction = roleAction(
  'admin',
  z.strictObject({ feature, trigger: z.record(z.string(), z.unknown()) }),
  async (input, user) => {
    const { trigger, secret } = await createTrigger(
      await getControlDb(),
      input.feature,
      input.trigger,
      actorOf({ kind: 'user', user }),
    );
    revalidatePath(pagePath(input.feature));
    return { id: trigger.id, name: trigger.name, url: triggerUrl(publicUrl(), secret) };
  },
);

export const rotateTriggerAction = roleAction('admin', TriggerRefSchema, async ({ feature, id }, user) => {
  const { trigger, secret } = await rotateTrigger(await getControlDb(), feature, id, actorOf({ kind: 'user', user }));
  revalidatePath(pagePath(feature));
  return { id: trigger.id, name: trigger.name, url: triggerUrl(publicUrl(), secret) };
});

export const setTriggerEnabledAction = roleAction(
  'admin',
  TriggerRefSchema.extend({ enabled: z.boolean() }),
  async ({ feature, id, enabled }, user) => {
    await changeTrigger(await getControlDb(), feature, id, { enabled }, actorOf({ kind: 'user', user }));
    revalidatePath(pagePath(feature));
    return { id, enabled };
  },
);

export const deleteTriggerAction = roleAction('admin', TriggerRefSchema, async ({ feature, id }, user) => {
  await removeTrigger(await getControlDb(), feature, id, actorOf({ kind: 'user', user }));
  revalidatePath(pagePath(feature));
  return { id };
});
