// Multiwindow, multi-burn-rate alert rules (SRE Workbook ch. 5, "Alerting on SLOs", approach 6).
// A rule fires when the burn rate over its long window AND over its short window (1/12 of the
// long one) are both at or above its threshold: the long window proves the budget spent is
// significant, the short one that it is still being spent, so the alert resets within minutes.
import { badOf, type SliCounts, type WindowCounts } from './counts';
import { burnRate } from './error-budget';
import { BURN_WINDOWS, SLO_WINDOWS, type BurnWindow, type SloWindow } from './windows';

export type AlertSeverity = 'page' | 'ticket';

export interface BurnRateRule {
  /** Stable name, e.g. `page-1h`. */
  name: string;
  severity: AlertSeverity;
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
  /** Share of the whole SLO window's error budget the long window must have spent. */
  budgetFraction: number;
}

/** The Workbook's table, defined by the budget share each rule stands for (its 30-day factors in comments). */
export const BURN_RATE_RULES: readonly BurnRateRule[] = [
  { name: 'page-1h', severity: 'page', longWindow: '1h', shortWindow: '5m', budgetFraction: 0.02 }, // 14.4×
  { name: 'page-6h', severity: 'page', longWindow: '6h', shortWindow: '30m', budgetFraction: 0.05 }, // 6×
  { name: 'ticket-24h', severity: 'ticket', longWindow: '24h', shortWindow: '2h', budgetFraction: 0.1 }, // 3×
  { name: 'ticket-3d', severity: 'ticket', longWindow: '3d', shortWindow: '6h', budgetFraction: 0.1 }, // 1×
];

/**
 * A rule never fires below a burn rate of 1: slower burns end the window with budget to spare.
 * (Scaling the 3-day rule to a 7-day SLO would otherwise ask for 0.23×.)
 */
export const MIN_BURN_RATE_THRESHOLD = 1;

/**
 * The rule's threshold for an SLO window, so that it means the same budget share whatever the
 * window: threshold = budgetFraction · sloWindow / longWindow, at least 1.
 * 30 d: 14.4, 6, 3, 1 (the Workbook's); 28 d: 13.44, 5.6, 2.8, 1; 7 d: 3.36, 1.4, 1, 1.
 */
export function burnRateThreshold(rule: BurnRateRule, sloWindow: SloWindow): number {
  const scaled = (rule.budgetFraction * SLO_WINDOWS[sloWindow]) / BURN_WINDOWS[rule.longWindow];
  return Math.max(MIN_BURN_RATE_THRESHOLD, scaled);
}

/**
 * Low traffic (Workbook: "Low-traffic services and error budget alerting"): with ten calls an
 * hour one failure is a 100× burn of a 99.9% SLO. A rule therefore fires only when its long
 * window holds at least `minBadEvents` bad events; below that its state is `low_traffic`.
 */
export interface RuleOptions {
  /** Default 5. */
  minBadEvents?: number;
}
export const DEFAULT_MIN_BAD_EVENTS = 5;

/** `no_data`: no events in the long window — no calls never burn and never alert. */
export type RuleState = 'firing' | 'ok' | 'low_traffic' | 'no_data';

export interface RuleEvaluation {
  rule: BurnRateRule;
  threshold: number;
  long: { window: BurnWindow; burnRate: number | null; bad: number; total: number };
  short: { window: BurnWindow; burnRate: number | null; bad: number; total: number };
  state: RuleState;
}

// Floating point: 0.0144 / 0.001 is 14.399999999999999; "at or above" must include it.
const atOrAbove = (rate: number | null, threshold: number) => rate !== null && rate >= threshold * (1 - 1e-9);

export function evaluateRule(
  rule: BurnRateRule,
  input: { counts: WindowCounts; objective: number; sloWindow: SloWindow },
  options: RuleOptions = {},
): RuleEvaluation {
  const threshold = burnRateThreshold(rule, input.sloWindow);
  const side = (window: BurnWindow) => {
    const c: SliCounts = input.counts[window];
    return { window, burnRate: burnRate(c, input.objective), bad: badOf(c), total: c.total };
  };
  const long = side(rule.longWindow);
  const short = side(rule.shortWindow);
  let state: RuleState;
  if (long.total === 0) state = 'no_data';
  else if (!atOrAbove(long.burnRate, threshold) || !atOrAbove(short.burnRate, threshold)) state = 'ok';
  else if (long.bad < (options.minBadEvents ?? DEFAULT_MIN_BAD_EVENTS)) state = 'low_traffic';
  else state = 'firing';
  return { rule, threshold, long, short, state };
}

export function evaluateRules(
  input: { counts: WindowCounts; objective: number; sloWindow: SloWindow },
  options: RuleOptions = {},
  rules: readonly BurnRateRule[] = BURN_RATE_RULES,
): RuleEvaluation[] {
  return rules.map((rule) => evaluateRule(rule, input, options));
}
