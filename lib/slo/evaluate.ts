// One SLO's health at a moment, from its window counts: what the health API answers per SLO and
// what the alert evaluator and the overview's status read.
import type { WindowCounts } from './counts';
import { evaluateRules, type AlertSeverity, type RuleEvaluation, type RuleOptions } from './alert-rules';
import { burnRate, compliance, errorBudget, timeToExhaustionMs, type ErrorBudget } from './error-budget';
import { BURN_WINDOW_NAMES, SLO_WINDOWS, type BurnWindow, type SloWindow } from './windows';

/** `no_data`: no events in the SLO window; it is never `breached` for lack of calls. */
export const SLO_STATES = ['breached', 'burning', 'healthy', 'no_data'] as const;
export type SloState = (typeof SLO_STATES)[number];

/** Below this share of budget left an SLO is `burning` even when no rule fires. */
export const BURNING_BUDGET_LEVEL = 0.25;

/** The burn-rate window whose rate "now" means for the time to exhaustion. */
export const CURRENT_BURN_WINDOW: BurnWindow = '1h';

export interface FiringSeverity {
  severity: AlertSeverity;
  /** Rules of that severity that fire, e.g. ['page-1h']. */
  rules: string[];
  /** Highest long-window burn rate among them. */
  burnRate: number;
}

export interface SloEvaluation {
  objective: number;
  window: SloWindow;
  compliance: number | null;
  errorBudget: ErrorBudget;
  burnRates: Record<BurnWindow, number | null>;
  rules: RuleEvaluation[];
  /** One entry per firing severity, page first. */
  firing: FiringSeverity[];
  /** At the current (1 h) burn rate; 0 when spent, null when nothing burns. */
  timeToExhaustionMs: number | null;
  state: SloState;
}

export function evaluateSlo(
  input: { objective: number; window: SloWindow; counts: WindowCounts },
  options: RuleOptions = {},
): SloEvaluation {
  const { objective, window, counts } = input;
  const budget = errorBudget(counts.slo, objective);
  const burnRates = Object.fromEntries(BURN_WINDOW_NAMES.map((w) => [w, burnRate(counts[w], objective)])) as Record<
    BurnWindow,
    number | null
  >;
  const rules = evaluateRules({ counts, objective, sloWindow: window }, options);
  const firing = firingSeverities(rules);
  return {
    objective,
    window,
    compliance: compliance(counts.slo),
    errorBudget: budget,
    burnRates,
    rules,
    firing,
    timeToExhaustionMs: timeToExhaustionMs({
      remaining: budget.remaining,
      burnRate: burnRates[CURRENT_BURN_WINDOW],
      windowMs: SLO_WINDOWS[window],
    }),
    state: sloState(budget.remaining, firing),
  };
}

/** breached: budget spent or a page fires; burning: a ticket fires or little budget is left. */
export function sloState(remaining: number | null, firing: readonly FiringSeverity[]): SloState {
  if (remaining === null) return 'no_data';
  const fires = (s: AlertSeverity) => firing.some((f) => f.severity === s);
  if (remaining <= 0 || fires('page')) return 'breached';
  if (fires('ticket') || remaining < BURNING_BUDGET_LEVEL) return 'burning';
  return 'healthy';
}

function firingSeverities(rules: readonly RuleEvaluation[]): FiringSeverity[] {
  const out: FiringSeverity[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    const hits = rules.filter((r) => r.state === 'firing' && r.rule.severity === severity);
    if (hits.length === 0) continue;
    out.push({
      severity,
      rules: hits.map((r) => r.rule.name),
      burnRate: Math.max(...hits.map((r) => r.long.burnRate ?? 0)),
    });
  }
  return out;
}
