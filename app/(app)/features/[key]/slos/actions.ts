'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/actions';
import { actorOf } from '@/lib/auth/guard';
import type { CurrentUser } from '@/lib/auth/current-user';
import { previewSlo as previewSloOver } from '@/lib/status/slo-preview';
import { applySloDocument } from '@/lib/slo/apply-document';
import { withoutSlo, withSlo } from '@/lib/slo/edit';
import type { SloDocument } from '@/lib/validations/slo';
import {
  DeleteSloSchema,
  PreviewSloSchema,
  SaveAutoTripSchema,
  SaveBudgetsSchema,
  SaveSloSchema,
} from '@/lib/validations/slo';

/** Applies one form's edit to the feature's document, audited with its reason; answers how many changes it made. */
async function edit(
  input: { featureKey: string; reason?: string },
  user: CurrentUser,
  change: (doc: SloDocument) => SloDocument,
) {
  const { changes } = await applySloDocument(await getDb(), input.featureKey, actorOf({ kind: 'user', user }), change, {
    reason: input.reason,
  });
  revalidatePath('/features/[key]/slos', 'page');
  return { changes: changes.length };
}

export const saveSlo = roleAction('admin', SaveSloSchema, (input, user) =>
  edit(input, user, (doc) => withSlo(doc, input.slo, input.originalName)),
);

export const deleteSlo = roleAction('admin', DeleteSloSchema, (input, user) =>
  edit(input, user, (doc) => withoutSlo(doc, input.name)),
);

export const saveBudgets = roleAction('admin', SaveBudgetsSchema, (input, user) =>
  edit(input, user, (doc) => ({ ...doc, budgets: input.budgets })),
);

export const saveAutoTrip = roleAction('admin', SaveAutoTripSchema, (input, user) =>
  edit(input, user, (doc) => ({ ...doc, autoTrip: input.autoTrip })),
);

/** Reads only: any signed-in user may see what a draft SLO would have been. */
export const previewSlo = roleAction('viewer', PreviewSloSchema, async ({ featureKey, slo }) =>
  previewSloOver(await getDb(), { featureKey, slo, now: new Date() }),
);
