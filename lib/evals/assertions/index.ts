// Checks a target's answer against a case's assertions and scores the case.
import type { Assertion, AssertionResult, AssertionType, EvalCase, TargetAnswer } from '../types';
import type { AssertionContext } from './context';
import { isJson, jsonSchema } from './json';
import { javascript } from './javascript';
import { cost, latency } from './limits';
import { llmRubric } from './llm-rubric';
import type { Check, Outcome } from './outcome';
import { similar } from './similar';
import { contains, containsAll, containsAny, equals, icontains, regex, startsWith } from './text';

export type { AssertionContext } from './context';

const CHECKS: Record<AssertionType, Check> = {
  equals,
  contains,
  icontains,
  'contains-any': containsAny,
  'contains-all': containsAll,
  'starts-with': startsWith,
  regex,
  'is-json': isJson,
  'json-schema': jsonSchema,
  javascript,
  similar,
  'llm-rubric': llmRubric,
  latency,
  cost,
};

/**
 * One assertion. Negation: a negated check passes when the plain one fails and scores 1 − the
 * plain score; a check that could not be made (a judge that failed, no cost reported, an
 * expression that threw) fails with score 0 either way.
 */
export async function checkAssertion(
  assertion: Assertion,
  evalCase: EvalCase,
  answer: TargetAnswer,
  context: AssertionContext,
): Promise<AssertionResult> {
  let outcome: Outcome;
  try {
    outcome = await CHECKS[assertion.type]({ assertion, evalCase, answer, context });
  } catch (err) {
    // A bug or an unforeseen input in one check fails that assertion, not the run.
    outcome = { pass: false, score: 0, reason: `the check failed: ${(err as Error).message}`, error: true };
  }
  const type = `${assertion.not ? 'not-' : ''}${assertion.type}`;
  const plainScore = Math.max(0, Math.min(1, outcome.score));
  if (outcome.error) return { type, passed: false, score: 0, weight: assertion.weight, reason: outcome.reason };
  return {
    type,
    passed: assertion.not ? !outcome.pass : outcome.pass,
    score: assertion.not ? 1 - plainScore : plainScore,
    weight: assertion.weight,
    reason: outcome.reason,
  };
}

/**
 * Checks every assertion of the case (concurrently: judges and embeddings are network calls) and
 * scores the case:
 *   score   = Σ weight·score / Σ weight            (the scores after negation, in [0, 1])
 *   passed  = Σ weight·[passed] / Σ weight ≥ evalCase.threshold
 * The pass test counts passed assertions rather than scores, so that the default threshold 1
 * means "every assertion passes" even where a passing score is below 1 (similarity 0.9 over a
 * 0.8 threshold). When every weight is 0 the assertions count equally. A case without
 * assertions passes with score 1 (the loader refuses such cases in eval files).
 */
export async function checkCase(
  evalCase: EvalCase,
  answer: TargetAnswer,
  context: AssertionContext,
): Promise<{ passed: boolean; score: number; assertions: AssertionResult[] }> {
  const assertions = await Promise.all(evalCase.assert.map((a) => checkAssertion(a, evalCase, answer, context)));
  return { ...scoreCase(assertions, evalCase.threshold), assertions };
}

/** The case's score and verdict from its assertion results (see checkCase). */
export function scoreCase(results: AssertionResult[], threshold: number): { passed: boolean; score: number } {
  if (results.length === 0) return { passed: true, score: 1 };
  const weighted = results.some((r) => r.weight > 0);
  const weightOf = (r: AssertionResult) => (weighted ? r.weight : 1);
  const total = results.reduce((sum, r) => sum + weightOf(r), 0);
  const score = results.reduce((sum, r) => sum + weightOf(r) * r.score, 0) / total;
  const passedShare = results.reduce((sum, r) => sum + (r.passed ? weightOf(r) : 0), 0) / total;
  // The tolerance keeps sums like 0.1 + 0.2 from missing a threshold they meet.
  return { passed: passedShare >= threshold - 1e-9, score };
}
