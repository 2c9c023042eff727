// Every feature's SLOs, cost budgets and auto-trip policies at once (readSloDocument reads one):
// what the alert evaluator, the health API and the overview start from. Three queries in all.
import { asc, eq, inArray } from 'drizzle-orm';
import { assembleDocument, type SloRowValues } from '@/lib/slo/document';
import { DEFAULT_THRESHOLDS } from '@/lib/validations/slo';
import type { Db } from '../client';
import { costBudgets, features, killSwitches, slos } from '../schema';
import { sloDefinitionColumns, type FeatureDefinitions } from './slo-definitions';

export interface FeatureWithDefinitions extends FeatureDefinitions {
  killed: boolean;
}

/** All features (or those named), by key. */
export async function listFeatureDefinitions(
  db: Db,
  params: { featureKeys?: readonly string[] } = {},
): Promise<FeatureWithDefinitions[]> {
  const keys = params.featureKeys;
  if (keys && keys.length === 0) return [];
  const featureRows = await db
    .select({
      id: features.id,
      key: features.key,
      name: features.name,
      onPageAlert: features.autoTripOnPageAlert,
      onBudgetExhausted: features.autoTripOnBudgetExhausted,
      killed: killSwitches.killed,
    })
    .from(features)
    .leftJoin(killSwitches, eq(killSwitches.featureId, features.id))
    .where(keys ? inArray(features.key, [...keys]) : undefined)
    .orderBy(asc(features.key));
  if (featureRows.length === 0) return [];
  const ids = featureRows.map((f) => f.id);
  const [sloRows, budgetRows] = await Promise.all([
    db
      .select({ featureId: slos.featureId, ...sloDefinitionColumns })
      .from(slos)
      .where(inArray(slos.featureId, ids))
      .orderBy(asc(slos.id)),
    db
      .select({
        featureId: costBudgets.featureId,
        dailyUsd: costBudgets.dailyUsd,
        monthlyUsd: costBudgets.monthlyUsd,
        thresholds: costBudgets.thresholds,
      })
      .from(costBudgets)
      .where(inArray(costBudgets.featureId, ids)),
  ]);
  return featureRows.map((f) => {
    const budget = budgetRows.find((b) => b.featureId === f.id);
    return {
      feature: { id: f.id, key: f.key, name: f.name },
      killed: f.killed ?? false,
      document: assembleDocument(
        sloRows.filter((s) => s.featureId === f.id) as SloRowValues[],
        budget
          ? { dailyUsd: budget.dailyUsd, monthlyUsd: budget.monthlyUsd, thresholds: budget.thresholds }
          : { dailyUsd: null, monthlyUsd: null, thresholds: DEFAULT_THRESHOLDS },
        { onPageAlert: f.onPageAlert, onBudgetExhausted: f.onBudgetExhausted },
      ),
    };
  });
}
