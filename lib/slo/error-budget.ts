// Error-budget arithmetic of the SRE Workbook: compliance, budget, remaining budget, burn rate and
// time to exhaustion. Every function answers null when there were no events: no calls, no burn.
import { badOf, type SliCounts } from './counts';

/** good / total over the window; null without events. */
export function compliance(counts: SliCounts): number | null {
  return counts.total > 0 ? counts.good / counts.total : null;
}

export interface ErrorBudget {
  total: number;
  bad: number;
  /** Bad events the objective allows over the window: (1 − objective) · total. */
  allowedBad: number;
  /** 1 − (bad / total) / (1 − objective): 1 untouched, 0 spent, negative overspent; null without events. */
  remaining: number | null;
}

export function errorBudget(counts: SliCounts, objective: number): ErrorBudget {
  assertObjective(objective);
  const bad = badOf(counts);
  const allowedBad = (1 - objective) * counts.total;
  return {
    total: counts.total,
    bad,
    allowedBad,
    remaining: counts.total > 0 ? 1 - bad / allowedBad : null,
  };
}

/**
 * Burn rate = observed bad ratio / (1 − objective): 1 spends the budget exactly over the SLO
 * window, 14.4 spends a 30-day budget in 50 hours. Null without events.
 */
export function burnRate(counts: SliCounts, objective: number): number | null {
  assertObjective(objective);
  if (counts.total <= 0) return null;
  return badOf(counts) / counts.total / (1 - objective);
}

/**
 * How long until the budget is spent if the burn rate holds: a burn rate r spends the whole
 * budget in windowMs / r, so the remaining share lasts remaining · windowMs / r. 0 when the
 * budget is already spent; null when nothing burns (or nothing is known). An approximation, as
 * in the Workbook: in a rolling window old bad events also age out.
 */
export function timeToExhaustionMs(input: {
  remaining: number | null;
  burnRate: number | null;
  windowMs: number;
}): number | null {
  const { remaining, burnRate: rate, windowMs } = input;
  if (remaining === null) return null;
  if (remaining <= 0) return 0;
  if (rate === null || rate <= 0) return null;
  return (remaining * windowMs) / rate;
}

/** Share of the whole window's budget that a burn rate spends in `spanMs`: rate · span / window. */
export function budgetConsumed(rate: number, spanMs: number, windowMs: number): number {
  return (rate * spanMs) / windowMs;
}

export function assertObjective(objective: number) {
  if (!(objective > 0 && objective < 1))
    throw new RangeError(`objective must be between 0 and 1 (exclusive), got ${objective}`);
}
