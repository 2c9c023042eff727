// What the overview shows of a feature's SLOs and cost budgets, from its evaluated health.
import type { FeatureHealth } from '@/lib/status/feature-health';
import { SLO_STATES, type SloState } from '@/lib/slo/evaluate';
import type { Sli } from '@/lib/validations/slo';

export interface SloSummary {
  name: string;
  sli: Sli;
  objective: number;
  state: SloState;
  /** good / total over the SLO window; null without events. */
  compliance: number | null;
  /** Share of the error budget left (negative: overspent); null without events. */
  budgetRemaining: number | null;
}

export interface SpendSummary {
  todayUsd: number;
  dailyUsd: number | null;
  monthUsd: number;
  monthlyUsd: number | null;
}

/** The SLOs counted in `environment`, worst first: by state, then least budget left. */
export function sloSummaries(health: FeatureHealth, environment: string): SloSummary[] {
  return health.slos
    .filter(({ slo }) => slo.environment === environment)
    .map(({ slo, evaluation }) => ({
      name: slo.name,
      sli: slo.sli,
      objective: slo.objective,
      state: evaluation.state,
      compliance: evaluation.compliance,
      budgetRemaining: evaluation.errorBudget.remaining,
    }))
    .sort(
      (a, b) =>
        SLO_STATES.indexOf(a.state) - SLO_STATES.indexOf(b.state) ||
        (a.budgetRemaining ?? Infinity) - (b.budgetRemaining ?? Infinity) ||
        a.name.localeCompare(b.name),
    );
}

export function spendSummary(health: FeatureHealth | undefined): SpendSummary {
  if (!health) return { todayUsd: 0, dailyUsd: null, monthUsd: 0, monthlyUsd: null };
  return {
    todayUsd: health.cost.todayUsd,
    dailyUsd: health.budgets.dailyUsd,
    monthUsd: health.cost.monthUsd,
    monthlyUsd: health.budgets.monthlyUsd,
  };
}
