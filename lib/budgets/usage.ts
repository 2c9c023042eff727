// Spend against a daily or monthly budget, and which of its thresholds it has crossed.
import { DAY_MS } from '@/lib/time/units';
import { spendBetween, utcDayStart, utcMonthEnd, utcMonthStart, type CostBucket } from './periods';

export type BudgetKind = 'daily' | 'monthly';
export const DEFAULT_THRESHOLDS: readonly number[] = [0.5, 0.8, 1];

export interface BudgetUsage {
  kind: BudgetKind;
  /** The period [from, to) in UTC. */
  from: Date;
  to: Date;
  spentUsd: number;
  limitUsd: number;
  /** spent / limit. */
  ratio: number;
  /** The thresholds reached (spent ≥ threshold · limit), ascending. */
  crossed: number[];
}

export function budgetUsage(input: {
  kind: BudgetKind;
  spentUsd: number;
  limitUsd: number;
  thresholds?: readonly number[];
  from: Date;
  to: Date;
}): BudgetUsage {
  if (!(input.limitUsd > 0)) throw new RangeError(`a budget must be positive, got ${input.limitUsd}`);
  const ratio = input.spentUsd / input.limitUsd;
  const thresholds = [...(input.thresholds ?? DEFAULT_THRESHOLDS)].sort((a, b) => a - b);
  return {
    kind: input.kind,
    from: input.from,
    to: input.to,
    spentUsd: input.spentUsd,
    limitUsd: input.limitUsd,
    ratio,
    // Compare spend with the threshold's amount, not ratios: 0.8 · 50 must cross at exactly $40.
    crossed: thresholds.filter((t) => input.spentUsd >= t * input.limitUsd - 1e-9),
  };
}

/** The feature's spend today and this month (UTC) against its budgets; null where none is set. */
export function costBudgetUsage(input: {
  buckets: readonly CostBucket[];
  now: Date;
  dailyUsd?: number | null;
  monthlyUsd?: number | null;
  thresholds?: readonly number[];
}): { daily: BudgetUsage | null; monthly: BudgetUsage | null } {
  const { buckets, now, thresholds } = input;
  const period = (kind: BudgetKind, limitUsd: number | null | undefined) => {
    if (limitUsd === null || limitUsd === undefined) return null;
    const from = kind === 'daily' ? utcDayStart(now) : utcMonthStart(now);
    const to = kind === 'daily' ? new Date(from.getTime() + DAY_MS) : utcMonthEnd(now);
    return budgetUsage({ kind, spentUsd: spendBetween(buckets, from, now), limitUsd, thresholds, from, to });
  };
  return { daily: period('daily', input.dailyUsd), monthly: period('monthly', input.monthlyUsd) };
}
