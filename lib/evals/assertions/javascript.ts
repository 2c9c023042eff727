// The javascript assertion: an expression over the output, run by node:vm in a fresh context
// with a time limit. A context is not a security boundary; an eval file is trusted like the code
// of a module target, and the limit only stops a runaway loop from hanging CI.
import vm from 'node:vm';
import { failure, measured, yesNo, type Check } from './outcome';

const TIMEOUT_MS = 100;
const scripts = new Map<string, vm.Script>();

/** Compiles an expression of an eval file (once per source); throws with the syntax error. */
export function compileExpression(source: string): vm.Script {
  let script = scripts.get(source);
  if (!script) {
    try {
      // The newline lets an expression end with a // comment.
      script = new vm.Script(`(${source}\n)`, { filename: 'assertion.js' });
    } catch (err) {
      throw new Error(`the expression does not compile: ${(err as Error).message}`);
    }
    scripts.set(source, script);
  }
  return script;
}

/**
 * Evaluates with `output`, `expected`, `vars`, `latencyMs` and `costUsd` in scope (copies, so an
 * expression cannot change what the runner keeps). A number in [0, 1] is a score that passes at
 * the assertion's threshold (default 0.5); anything else passes when truthy.
 */
export const javascript: Check = ({ assertion, evalCase, answer }) => {
  const source = String(assertion.value);
  const scope = structuredClone({
    output: answer.output,
    expected: evalCase.expected ?? null,
    vars: evalCase.vars,
    latencyMs: answer.latencyMs,
    costUsd: answer.costUsd,
  });
  let result: unknown;
  try {
    result = compileExpression(source).runInNewContext(scope, { timeout: TIMEOUT_MS });
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    return failure(
      /timed out/i.test(message)
        ? `the expression ran longer than ${TIMEOUT_MS} ms`
        : `the expression threw: ${message}`,
    );
  }
  if (typeof result === 'object' && result !== null && typeof (result as { then?: unknown }).then === 'function') {
    return failure('the expression returned a Promise; write a synchronous expression');
  }
  if (typeof result === 'number') {
    if (!(result >= 0 && result <= 1))
      return failure(`the expression returned ${result}; a score must be a number from 0 to 1 (or return true/false)`);
    const threshold = assertion.threshold ?? 0.5;
    const pass = result >= threshold;
    return {
      pass,
      score: result,
      reason: measured(pass, assertion.not, 'score', [result.toFixed(2), threshold.toFixed(2)], ['≥', '<']),
    };
  }
  const shown = source.length > 60 ? `${source.slice(0, 59)}…` : source;
  return yesNo(
    Boolean(result),
    assertion.not,
    [`satisfies ${shown}`, `satisfy ${shown}`],
    `returned ${describeValue(result)}`,
  );
};

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  return String(value);
}
