// What a draft SLO would have been over its past window, before it is saved: the same SLI counts
// and evaluation as a stored SLO's health, for one SLO that is not stored.
import type { Db } from '@/db';
import { findFeature } from '@/db/queries/features';
import { notFound } from '@/lib/api/errors';
import { readSliWindowCounts } from '@/lib/rollups/sli-counts';
import { CURRENT_BURN_WINDOW, evaluateSlo, type SloState } from '@/lib/slo/evaluate';
import type { Slo } from '@/lib/validations/slo';

export interface SloPreview {
  /** Events of the SLI in the window, and how many of them were bad. */
  total: number;
  bad: number;
  /** null without events. */
  compliance: number | null;
  budgetRemaining: number | null;
  /** Over the last hour; null without events in it. */
  burnRate: number | null;
  state: SloState;
}

export async function previewSlo(db: Db, params: { featureKey: string; slo: Slo; now: Date }): Promise<SloPreview> {
  const { slo, now } = params;
  const feature = await findFeature(db, params.featureKey);
  if (!feature) throw notFound(`There is no feature "${params.featureKey}".`);
  const [counts] = await readSliWindowCounts(db, { targets: [{ featureId: feature.id, slo }], now });
  const evaluation = evaluateSlo({ objective: slo.objective, window: slo.window, counts });
  return {
    total: evaluation.errorBudget.total,
    bad: evaluation.errorBudget.bad,
    compliance: evaluation.compliance,
    budgetRemaining: evaluation.errorBudget.remaining,
    burnRate: evaluation.burnRates[CURRENT_BURN_WINDOW],
    state: evaluation.state,
  };
}
