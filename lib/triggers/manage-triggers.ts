// Creating, changing, rotating and deleting a feature's flag triggers (the API and the feature
// page). Each change is audited; a new or rotated secret is answered once and never stored.
import type { Db } from '@/db';
import { appendAudit, type Actor } from '@/db/queries/audit';
import { findFeature } from '@/db/queries/features';
import {
  deleteTrigger,
  findTrigger,
  insertTrigger,
  listTriggers,
  updateTrigger,
  type TriggerRow,
} from '@/db/queries/triggers';
import { ApiError, notFound, validationError } from '@/lib/api/errors';
import { CreateTriggerSchema, UpdateTriggerSchema } from '@/lib/validations/trigger';
import { generateTriggerSecret } from './secret';

/** A trigger as the API shows it: never the secret, only its last characters. */
export type TriggerView = Omit<TriggerRow, 'featureId'>;

export const triggerView = ({ featureId: _featureId, ...view }: TriggerRow): TriggerView => view;

async function featureIdOf(db: Db, featureKey: string): Promise<number> {
  const feature = await findFeature(db, featureKey);
  if (!feature) throw notFound(`There is no feature "${featureKey}".`);
  return feature.id;
}

async function triggerOf(db: Db, featureKey: string, id: number): Promise<TriggerRow> {
  const trigger = await findTrigger(db, await featureIdOf(db, featureKey), id);
  if (!trigger) throw notFound(`Feature "${featureKey}" has no trigger ${id}.`);
  return trigger;
}

export async function readTriggers(db: Db, featureKey: string): Promise<TriggerView[]> {
  return (await listTriggers(db, await featureIdOf(db, featureKey))).map(triggerView);
}

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string; cause?: { code?: string } }).code === '23505' ||
  (err as { cause?: { code?: string } }).cause?.code === '23505';

function nameTaken(name: string): ApiError {
  return new ApiError(409, 'conflict', `This feature already has a trigger named "${name}".`, {
    name: ['Choose another name.'],
  });
}

export async function createTrigger(
  db: Db,
  featureKey: string,
  input: unknown,
  actor: Actor,
): Promise<{ trigger: TriggerView; secret: string }> {
  const parsed = CreateTriggerSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error, 'The trigger is not valid; nothing was created.');
  const featureId = await featureIdOf(db, featureKey);
  const secret = generateTriggerSecret();
  const id = await db
    .transaction(async (tx) => {
      const id = await insertTrigger(tx, {
        featureId,
        ...parsed.data,
        secretHash: secret.hash,
        secretHint: secret.hint,
        createdBy: actor.label,
      });
      await appendAudit(tx, actor, {
        action: 'trigger.create',
        targetType: 'switch',
        targetId: featureKey,
        after: { id, ...parsed.data },
      });
      return id;
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken(parsed.data.name) : err;
    });
  return { trigger: triggerView((await findTrigger(db, featureId, id))!), secret: secret.secret };
}

export async function changeTrigger(
  db: Db,
  featureKey: string,
  id: number,
  input: unknown,
  actor: Actor,
): Promise<TriggerView> {
  const parsed = UpdateTriggerSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error, 'The change is not valid; nothing was changed.');
  const before = await triggerOf(db, featureKey, id);
  if (parsed.data.restoreOnResolve && before.action !== 'kill') {
    throw new ApiError(400, 'validation_failed', 'Only a kill trigger can restore when the alert resolves.', {
      restoreOnResolve: ['Only for kill triggers.'],
    });
  }
  await db
    .transaction(async (tx) => {
      await updateTrigger(tx, id, parsed.data);
      await appendAudit(tx, actor, {
        action: 'trigger.update',
        targetType: 'switch',
        targetId: featureKey,
        before: { id, name: before.name, enabled: before.enabled, restoreOnResolve: before.restoreOnResolve },
        after: { id, ...parsed.data },
      });
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken(parsed.data.name ?? before.name) : err;
    });
  return triggerView((await findTrigger(db, before.featureId, id))!);
}

/** A new secret: the old URL stops working at once. */
export async function rotateTrigger(
  db: Db,
  featureKey: string,
  id: number,
  actor: Actor,
): Promise<{ trigger: TriggerView; secret: string }> {
  const before = await triggerOf(db, featureKey, id);
  const secret = generateTriggerSecret();
  await db.transaction(async (tx) => {
    await updateTrigger(tx, id, { secretHash: secret.hash, secretHint: secret.hint, rotatedAt: new Date() });
    await appendAudit(tx, actor, {
      action: 'trigger.rotate',
      targetType: 'switch',
      targetId: featureKey,
      after: { id, name: before.name },
    });
  });
  return { trigger: triggerView((await findTrigger(db, before.featureId, id))!), secret: secret.secret };
}

export async function removeTrigger(db: Db, featureKey: string, id: number, actor: Actor): Promise<void> {
  const before = await triggerOf(db, featureKey, id);
  await db.transaction(async (tx) => {
    await deleteTrigger(tx, id);
    await appendAudit(tx, actor, {
      action: 'trigger.delete',
      targetType: 'switch',
      targetId: featureKey,
      before: triggerView(before),
    });
  });
}

/** The `{id}` of a trigger's path, or 404 (an id that cannot exist names no trigger). */
export function triggerIdOf(segment: string): number {
  const id = /^\d{1,9}$/.test(segment) ? Number(segment) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw notFound(`There is no trigger "${segment}".`);
  return id;
}
