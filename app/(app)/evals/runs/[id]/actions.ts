'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/actions';
import { actorOf } from '@/lib/auth/guard';
import { evalRunPath, featureEvalsPath } from '@/lib/evals/links';
import { markBaseline } from '@/lib/evals/mark-baseline';
import { MarkBaselineSchema } from '@/lib/validations/eval-runs-query';

/** Admins only, checked on the server: the baseline decides whether CI fails. */
export const markBaselineAction = roleAction('admin', MarkBaselineSchema, async ({ id }, user) => {
  const { run, previous } = await markBaseline(await getDb(), id, actorOf({ kind: 'user', user }));
  revalidatePath(evalRunPath(id));
  revalidatePath(featureEvalsPath(run.feature));
  revalidatePath('/evals');
  return { previous };
});
