// A feature's SLOs, cost budgets and auto-trip policies, read and written as one document.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { assembleDocument, type SloRowValues } from '@/lib/slo/document';
import { DEFAULT_THRESHOLDS, type AutoTrip, type Budgets, type SloDocument } from '@/lib/validations/slo';
import type { Db } from '../client';
import { costBudgets, features, slos } from '../schema';

/** The columns of an SLO row that its definition is assembled from (lib/slo/document.ts). */
export const sloDefinitionColumns = {
  name: slos.name,
  sli: slos.sli,
  config: slos.config,
  objective: slos.objective,
  windowDays: slos.windowDays,
  environment: slos.environment,
};

export interface FeatureDefinitions {
  feature: { id: number; key: string; name: string | null };
  document: SloDocument;
}

/**
 * The feature's definitions, or undefined when there is no such feature. `lock` takes the
 * feature row FOR UPDATE, so that concurrent edits of one feature apply one after the other.
 */
export async function readSloDocument(
  db: Db,
  featureKey: string,
  options: { lock?: boolean } = {},
): Promise<FeatureDefinitions | undefined> {
  const query = db
    .select({
      id: features.id,
      key: features.key,
      name: features.name,
      onPageAlert: features.autoTripOnPageAlert,
      onBudgetExhausted: features.autoTripOnBudgetExhausted,
    })
    .from(features)
    .where(eq(features.key, featureKey));
  const [feature] = options.lock ? await query.for('update') : await query;
  if (!feature) return undefined;
  const [rows, [budget]] = await Promise.all([
    db.select(sloDefinitionColumns).from(slos).where(eq(slos.featureId, feature.id)).orderBy(asc(slos.id)),
    db
      .select({
        dailyUsd: costBudgets.dailyUsd,
        monthlyUsd: costBudgets.monthlyUsd,
        thresholds: costBudgets.thresholds,
      })
      .from(costBudgets)
      .where(eq(costBudgets.featureId, feature.id)),
  ]);
  const budgets: Budgets = budget ?? { dailyUsd: null, monthlyUsd: null, thresholds: DEFAULT_THRESHOLDS };
  const autoTrip: AutoTrip = { onPageAlert: feature.onPageAlert, onBudgetExhausted: feature.onBudgetExhausted };
  return {
    feature: { id: feature.id, key: feature.key, name: feature.name },
    document: assembleDocument(rows as SloRowValues[], budgets, autoTrip),
  };
}

/** Upserts the SLOs by name, in order (new ones get ids in the document's order). */
export async function upsertSlos(db: Db, featureId: number, values: SloRowValues[]): Promise<void> {
  for (const slo of values) {
    await db
      .insert(slos)
      .values({ featureId, ...slo })
      .onConflictDoUpdate({ target: [slos.featureId, slos.name], set: { ...slo, updatedAt: sql`now()` } });
  }
}

export async function deleteSlos(db: Db, featureId: number, names: string[]): Promise<void> {
  if (!names.length) return;
  await db.delete(slos).where(and(eq(slos.featureId, featureId), inArray(slos.name, names)));
}

export async function upsertBudgets(db: Db, featureId: number, budgets: Budgets): Promise<void> {
  const set = {
    dailyUsd: budgets.dailyUsd,
    monthlyUsd: budgets.monthlyUsd,
    thresholds: budgets.thresholds,
    updatedAt: sql`now()`,
  };
  await db
    .insert(costBudgets)
    .values({ featureId, ...set })
    .onConflictDoUpdate({ target: costBudgets.featureId, set });
}

export async function setAutoTrip(db: Db, featureId: number, autoTrip: AutoTrip): Promise<void> {
  await db
    .update(features)
    .set({ autoTripOnPageAlert: autoTrip.onPageAlert, autoTripOnBudgetExhausted: autoTrip.onBudgetExhausted })
    .where(eq(features.id, featureId));
}
