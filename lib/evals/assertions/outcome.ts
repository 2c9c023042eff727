// What one check finds before negation, and the words for it. Checks know whether they are
// negated only to phrase their reason; lib/evals/assertions/index.ts applies the negation.
import type { Assertion, EvalCase, TargetAnswer } from '../types';
import type { AssertionContext } from './context';

export interface CheckInput {
  assertion: Assertion;
  evalCase: EvalCase;
  answer: TargetAnswer;
  context: AssertionContext;
}

export interface Outcome {
  /** Whether the plain (un-negated) check holds. */
  pass: boolean;
  /** The plain check's score in [0, 1]. */
  score: number;
  /** Why the final (negation applied) result is what it is. */
  reason: string;
  /** The check could not be made (a judge that failed, a cost the target did not report): fails either way. */
  error?: boolean;
}

export type Check = (input: CheckInput) => Outcome | Promise<Outcome>;

/** A check that could not be made: it fails, negated or not. */
export const failure = (reason: string): Outcome => ({ pass: false, score: 0, reason, error: true });

/**
 * The reason of a yes/no check from a verb in two forms, e.g. ['contains "refund"', 'contain "refund"']:
 * a failed result says what was expected (`expected not to contain "refund"`), a passed one what
 * was found (`does not contain "refund"`). `detail` tells why the plain check did not hold.
 */
export function yesNo(pass: boolean, not: boolean, [does, doVerb]: [string, string], detail?: string): Outcome {
  const passed = pass !== not;
  const why = !pass && detail ? ` (${detail})` : '';
  const reason = passed ? (pass ? does : `does not ${doVerb}`) : `expected ${not ? 'not ' : ''}to ${doVerb}`;
  return { pass, score: pass ? 1 : 0, reason: `${reason}${why}` };
}

/** The reason of a measured check: `similarity 0.62 < 0.80`, `latency 2,340 ms > 2,000 ms`; negated failures say what was wanted. */
export function measured(
  pass: boolean,
  not: boolean,
  label: string,
  [value, limit]: [string, string],
  [okOp, badOp]: [string, string],
): string {
  const comparison = `${label} ${value} ${pass ? okOp : badOp} ${limit}`;
  return not && pass ? `${comparison}, expected ${badOp} ${limit}` : comparison;
}

/** `"refund"` with long texts cut, for reasons in a CI log. */
export function quote(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return JSON.stringify(cut);
}
