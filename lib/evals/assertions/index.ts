// PLACEHOLDER until the evals-core branch is merged
// Only `equals` and `contains` (with `not-`), enough for the CLI's tests; the lead replaces this
// file with the real assertions at merge.
import type { AssertionResult, EvalCase, ModelEndpoint, TargetAnswer } from '../types';

export interface AssertionContext {
  judge?: ModelEndpoint;
  embeddings?: ModelEndpoint;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export async function checkCase(
  evalCase: EvalCase,
  answer: TargetAnswer,
  context: AssertionContext,
): Promise<{ passed: boolean; score: number; assertions: AssertionResult[] }> {
  void context;
  const assertions = evalCase.assert.map((a): AssertionResult => {
    const value = String(a.value ?? evalCase.expected ?? '');
    const hit = a.type === 'equals' ? answer.output === value : a.type === 'contains' ? answer.output.includes(value) : false;
    const passed = a.not ? !hit : hit;
    const type = `${a.not ? 'not-' : ''}${a.type}`;
    return { type, passed, score: passed ? 1 : 0, weight: a.weight, reason: passed ? '' : `Expected output ${a.not ? 'not ' : ''}to ${a.type === 'equals' ? 'equal' : 'contain'} "${value}".` };
  });
  const total = assertions.reduce((s, a) => s + a.weight, 0);
  const score = total ? assertions.reduce((s, a) => s + a.weight * a.score, 0) / total : 1;
  return { passed: score >= evalCase.threshold - 1e-9, score, assertions };
}
