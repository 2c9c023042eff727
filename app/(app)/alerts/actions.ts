'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/actions';
import { acknowledgeAlert } from '@/lib/alerts/acknowledge';
import { actorOf } from '@/lib/auth/guard';
import { AcknowledgeAlertSchema } from '@/lib/validations/alert';

/** Responders and admins acknowledge; viewers are refused on the server. */
export const acknowledgeAlertAction = roleAction('responder', AcknowledgeAlertSchema, async ({ id }, user) => {
  const { alert } = await acknowledgeAlert(await getDb(), id, actorOf({ kind: 'user', user }));
  revalidatePath('/alerts');
  return { acknowledgedBy: alert.acknowledgedBy };
});
