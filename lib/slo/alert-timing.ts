// Detection and reset times of a burn-rate rule for a steady error ratio (SRE Workbook ch. 5),
// for the alert rules in docs/slos.md#slo-math and the tests; the evaluator does not need them.
import { BURN_WINDOWS } from './windows';
import type { BurnRateRule } from './alert-rules';

/** A burn-rate rule against an outage that fails `errorRatio` of the calls. */
interface RuleUnderOutage {
  rule: BurnRateRule;
  threshold: number;
  objective: number;
  errorRatio: number;
}

/**
 * The share of a window that must be outage for the rule to fire, threshold · (1 − objective) /
 * errorRatio; null when the outage is too mild to fire it at all.
 */
function outageShareToFire(input: RuleUnderOutage): number | null {
  const needed = input.threshold * (1 - input.objective);
  if (input.errorRatio <= 0 || input.errorRatio < needed) return null;
  return needed / input.errorRatio;
}

/**
 * Time from the start of an outage with a steady `errorRatio` until the long window's burn rate
 * reaches the threshold: (1 − objective) / errorRatio · longWindow · threshold (the Workbook's
 * formula; the short window, 12× shorter, gets there first). Null when that ratio never reaches it.
 */
export function detectionTimeMs(input: RuleUnderOutage): number | null {
  const share = outageShareToFire(input);
  return share === null ? null : share * BURN_WINDOWS[input.rule.longWindow];
}

/**
 * Time from the end of an outage (that lasted at least the short window) until the rule stops
 * firing: the short window's ratio falls below the threshold once fewer than needed/errorRatio
 * of it is outage: shortWindow · (1 − threshold · (1 − objective) / errorRatio). At most the
 * short window, where a single-window rule would keep firing for up to the long window.
 */
export function resetTimeMs(input: RuleUnderOutage): number | null {
  const share = outageShareToFire(input);
  return share === null ? null : BURN_WINDOWS[input.rule.shortWindow] * (1 - share);
}
