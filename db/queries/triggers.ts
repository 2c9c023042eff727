// Flag triggers of a feature's switch (lib/triggers/): stored with the hash of their secret only.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { features, switchTriggers } from '../schema';

export type TriggerAction = 'kill' | 'restore';

export interface TriggerRow {
  id: number;
  feature: string;
  featureId: number;
  name: string;
  action: TriggerAction;
  restoreOnResolve: boolean;
  enabled: boolean;
  secretHint: string;
  createdBy: string;
  createdAt: Date;
  rotatedAt: Date | null;
  lastUsedAt: Date | null;
}

const triggerColumns = {
  id: switchTriggers.id,
  feature: features.key,
  featureId: switchTriggers.featureId,
  name: switchTriggers.name,
  action: sql<TriggerAction>`${switchTriggers.action}`,
  restoreOnResolve: switchTriggers.restoreOnResolve,
  enabled: switchTriggers.enabled,
  secretHint: switchTriggers.secretHint,
  createdBy: switchTriggers.createdBy,
  createdAt: switchTriggers.createdAt,
  rotatedAt: switchTriggers.rotatedAt,
  lastUsedAt: switchTriggers.lastUsedAt,
};

const selectTriggers = (db: Db) =>
  db.select(triggerColumns).from(switchTriggers).innerJoin(features, eq(features.id, switchTriggers.featureId));

export async function listTriggers(db: Db, featureId: number): Promise<TriggerRow[]> {
  return selectTriggers(db).where(eq(switchTriggers.featureId, featureId)).orderBy(asc(switchTriggers.name));
}

export async function findTrigger(db: Db, featureId: number, id: number): Promise<TriggerRow | undefined> {
  const [row] = await selectTriggers(db).where(and(eq(switchTriggers.featureId, featureId), eq(switchTriggers.id, id)));
  return row;
}

/** The trigger whose secret has this hash, enabled or not. */
export async function findTriggerBySecretHash(db: Db, secretHash: string): Promise<TriggerRow | undefined> {
  const [row] = await selectTriggers(db).where(eq(switchTriggers.secretHash, secretHash));
  return row;
}

export async function insertTrigger(
  db: Db,
  values: {
    featureId: number;
    name: string;
    action: TriggerAction;
    restoreOnResolve: boolean;
    secretHash: string;
    secretHint: string;
    createdBy: string;
  },
): Promise<number> {
  const [row] = await db.insert(switchTriggers).values(values).returning({ id: switchTriggers.id });
  return row.id;
}

export async function updateTrigger(
  db: Db,
  id: number,
  values: Partial<{
    name: string;
    restoreOnResolve: boolean;
    enabled: boolean;
    secretHash: string;
    secretHint: string;
    rotatedAt: Date;
  }>,
): Promise<void> {
  await db.update(switchTriggers).set(values).where(eq(switchTriggers.id, id));
}

export async function deleteTrigger(db: Db, id: number): Promise<void> {
  await db.delete(switchTriggers).where(eq(switchTriggers.id, id));
}

export async function markTriggerUsed(db: Db, id: number, at: Date): Promise<void> {
  await db.update(switchTriggers).set({ lastUsedAt: at }).where(eq(switchTriggers.id, id));
}
