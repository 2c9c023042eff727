'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/actions';
import { actorOf } from '@/lib/auth/guard';
import { publicUrl } from '@/lib/env';
import { changeWebhook, createWebhook, removeWebhook, sendTestMessage } from '@/lib/webhooks/manage';
import {
  SetWebhookEnabledSchema,
  UpdateWebhookSchema,
  WebhookRefSchema,
  WebhookSchema,
} from '@/lib/validations/webhook';

const PATH = '/settings/webhooks';

export const addWebhook = roleAction('admin', WebhookSchema, async (input, user) => {
  const row = await createWebhook(await getDb(), input, actorOf({ kind: 'user', user }));
  revalidatePath(PATH);
  return { id: row.id, name: row.name };
});

export const editWebhook = roleAction('admin', UpdateWebhookSchema, async ({ id, ...values }, user) => {
  const row = await changeWebhook(await getDb(), id, values, actorOf({ kind: 'user', user }));
  revalidatePath(PATH);
  return { id: row.id, name: row.name };
});

export const setWebhookEnabled = roleAction('admin', SetWebhookEnabledSchema, async ({ id, enabled }, user) => {
  const row = await changeWebhook(await getDb(), id, { enabled }, actorOf({ kind: 'user', user }));
  revalidatePath(PATH);
  return { id: row.id, enabled: row.enabled };
});

export const deleteWebhook = roleAction('admin', WebhookRefSchema, async ({ id }, user) => {
  await removeWebhook(await getDb(), id, actorOf({ kind: 'user', user }));
  revalidatePath(PATH);
  return { id };
});

export const testWebhook = roleAction('admin', WebhookRefSchema, async ({ id }) => {
  const { status, error, body, durationMs } = await sendTestMessage(await getDb(), id, publicUrl());
  return { status, error, body, durationMs: Math.round(durationMs) };
});
