// Every feature's health at a moment: each SLO evaluated from its SLI counts, and the cost
// budgets with forecast and spike state. One read of the definitions, one SLI query for all SLOs
// and one cost query for all features, shared by the alert evaluator, the health API and the
// overview.
import type { Db } from '@/db';
import { listFeatureDefinitions } from '@/db/queries/feature-definitions';
import { forecastMonthEnd, type MonthForecast } from '@/lib/budgets/forecast';
import { floorToHour, spendBetween, utcDayStart, utcMonthStart } from '@/lib/budgets/periods';
import { detectCostSpike, type CostSpike } from '@/lib/budgets/spike';
import { costBudgetUsage, type BudgetUsage } from '@/lib/budgets/usage';
import { readHourlyCosts } from '@/lib/rollups/hourly-costs';
import { readSliWindowCounts } from '@/lib/rollups/sli-counts';
import { evaluateSlo, type SloEvaluation } from '@/lib/slo/evaluate';
import { DAY_MS } from '@/lib/time/units';
import type { AutoTrip, Budgets, Slo } from '@/lib/validations/slo';

export interface SloHealth {
  slo: Slo;
  evaluation: SloEvaluation;
}

export interface CostHealth {
  /** Spend of the UTC day and month so far, budget or not. */
  todayUsd: number;
  monthUsd: number;
  daily: BudgetUsage | null;
  monthly: BudgetUsage | null;
  forecast: MonthForecast;
  spike: CostSpike;
}

export interface FeatureHealth {
  feature: { id: number; key: string; name: string | null };
  killed: boolean;
  autoTrip: AutoTrip;
  budgets: Budgets;
  slos: SloHealth[];
  cost: CostHealth;
}

/** Cost history read: the month so far, and 8 days for the forecast's profile and the spike baseline. */
const COST_LOOKBACK_MS = 8 * DAY_MS;

export async function evaluateFeatureHealth(
  db: Db,
  params: { now: Date; featureKeys?: readonly string[] },
): Promise<FeatureHealth[]> {
  const { now } = params;
  const definitions = await listFeatureDefinitions(db, { featureKeys: params.featureKeys });
  const targets = definitions.flatMap((d) => d.document.slos.map((slo) => ({ featureId: d.feature.id, slo })));
  const from = new Date(Math.min(utcMonthStart(now).getTime(), floorToHour(now).getTime() - COST_LOOKBACK_MS));
  const [counts, costs] = await Promise.all([
    readSliWindowCounts(db, { targets, now }),
    readHourlyCosts(db, { featureIds: definitions.map((d) => d.feature.id), from, to: now }),
  ]);

  let next = 0;
  return definitions.map(({ feature, killed, document }) => {
    const slos = document.slos.map((slo) => ({
      slo,
      evaluation: evaluateSlo({ objective: slo.objective, window: slo.window, counts: counts[next++] }),
    }));
    const { buckets, since } = costs.get(feature.id) ?? { buckets: [], since: null };
    const { dailyUsd, monthlyUsd, thresholds } = document.budgets;
    const usage = costBudgetUsage({ buckets, now, dailyUsd, monthlyUsd, thresholds });
    const history = since ?? undefined;
    return {
      feature,
      killed,
      autoTrip: document.autoTrip,
      budgets: document.budgets,
      slos,
      cost: {
        todayUsd: spendBetween(buckets, utcDayStart(now), now),
        monthUsd: spendBetween(buckets, utcMonthStart(now), now),
        ...usage,
        forecast: forecastMonthEnd({ buckets, now, monthlyUsd, since: history }),
        spike: detectCostSpike({ buckets, now, since: history }),
      },
    };
  });
}
