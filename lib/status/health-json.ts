// GET /api/v1/features/{key}/health (docs/alerts.md#health-the-alert-evaluator-and-auto-trip): per SLO
// its SLI, objective, window, compliance, budget remaining, burn rates, alert rules and firing
// alerts; the cost budgets' spend, thresholds crossed, month-end forecast and spike state. The SLO
// page shows the same object.
import type { AlertRow } from '@/lib/alerts/alert-row';
import type { BudgetUsage } from '@/lib/budgets/usage';
import type { AlertSeverity } from '@/lib/slo/alert-rules';
import type { FeatureHealth } from './feature-health';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

function usageJson(usage: BudgetUsage | null) {
  if (!usage) return null;
  return {
    limitUsd: usage.limitUsd,
    spentUsd: usage.spentUsd,
    ratio: usage.ratio,
    thresholdsCrossed: usage.crossed,
    from: iso(usage.from),
    to: iso(usage.to),
  };
}

/** `firing`: the feature's stored firing alerts (listAlerts with state firing). */
export function toHealthJson(health: FeatureHealth, firing: readonly AlertRow[], now: Date) {
  const { cost } = health;
  return {
    feature: health.feature.key,
    at: now.toISOString(),
    killed: health.killed,
    slos: health.slos.map(({ slo, evaluation: e }) => ({
      name: slo.name,
      sli: slo.sli,
      environment: slo.environment,
      objective: slo.objective,
      window: slo.window,
      state: e.state,
      compliance: e.compliance,
      errorBudgetRemaining: e.errorBudget.remaining,
      events: { total: e.errorBudget.total, bad: e.errorBudget.bad },
      burnRates: e.burnRates,
      /** The alert rules: both windows' burn rates against the rule's threshold, and its state. */
      rules: e.rules.map((r) => ({
        name: r.rule.name,
        severity: r.rule.severity,
        threshold: r.threshold,
        long: { window: r.long.window, burnRate: r.long.burnRate },
        short: { window: r.short.window, burnRate: r.short.burnRate },
        state: r.state,
      })),
      timeToExhaustionMs: e.timeToExhaustionMs,
      alerts: firing
        .filter((a) => a.kind === 'slo' && a.details.slo === slo.name)
        .map((a) => ({ severity: a.severity as AlertSeverity, since: a.startedAt.toISOString() })),
    })),
    budgets: {
      thresholds: health.budgets.thresholds,
      todayUsd: cost.todayUsd,
      monthUsd: cost.monthUsd,
      daily: usageJson(cost.daily),
      monthly: usageJson(cost.monthly),
      forecast: {
        monthEndUsd: cost.forecast.forecastUsd,
        ratio: cost.forecast.forecastRatio,
        method: cost.forecast.method,
      },
      spike: {
        state: cost.spike.state,
        from: iso(cost.spike.from),
        to: iso(cost.spike.to),
        actualUsd: cost.spike.actualUsd,
        expectedUsd: cost.spike.expectedUsd,
        thresholdUsd: cost.spike.thresholdUsd,
      },
    },
  };
}
export type HealthJson = ReturnType<typeof toHealthJson>;
