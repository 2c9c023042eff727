// Turns the cases as written into the EvalCases of a set: defaults merged in, names given, and
// the checks that need the whole set (unique names, a judge for llm-rubric, an expected output
// for equals/similar without a value) made, each problem at the place it was written.
import type { CaseDefaults } from '@/lib/validations/eval-set';
import type { Assertion, EvalCase } from '../types';
import { aboutCase, type SourcedCase } from './sourced-case';

export interface SetContext {
  defaults?: CaseDefaults;
  hasJudge: boolean;
  /** Where a field of `defaults` was written, e.g. "evals/support.yaml:9:5: defaults.assert.0.type". */
  whereInDefaults(path: (string | number)[]): string;
}

/** Assertions that compare with the case's expected output when they have no value. */
const USES_EXPECTED = new Set(['equals', 'similar']);

/**
 * The cases, or the problems as `place: field: message` lines. A missing name becomes
 * `case-<n>`, n counting the cases from 1 in the order written. Merging: vars of the case
 * override the defaults' vars; the defaults' assertions come first; weight and threshold of the
 * case win over the defaults' (else 1 and 1).
 */
export function buildCases(sourced: SourcedCase[], set: SetContext): { cases: EvalCase[]; problems: string[] } {
  const problems: string[] = [];
  const defaults = set.defaults;
  if (!set.hasJudge) {
    defaults?.assert.forEach((a, j) => {
      if (a.type === 'llm-rubric')
        problems.push(
          `${set.whereInDefaults(['assert', j, 'type'])}: llm-rubric needs a judge: add judge: { baseUrl, model } to the file.`,
        );
    });
  }
  const names = new Map<string, number>();
  const cases = sourced.map(({ written, where }, index): EvalCase => {
    const name = written.name ?? `case-${index + 1}`;
    const about = aboutCase(name);
    if (names.has(name)) {
      const where0 = written.name ? where(['name']) : where([]);
      problems.push(
        `${where0}: the ${ordinal(names.get(name)! + 1)} case is already named "${name}"; names must be unique.`,
      );
    }
    names.set(name, index);
    const assertions: Assertion[] = [...(defaults?.assert ?? []), ...written.assert];
    if (assertions.length === 0)
      problems.push(
        `${where([])}: the case has no assertions; give it assert, or give the file defaults.assert.${about}`,
      );
    written.assert.forEach((a, j) => {
      if (a.type === 'llm-rubric' && !set.hasJudge)
        problems.push(
          `${where(['assert', j, 'type'])}: llm-rubric needs a judge: add judge: { baseUrl, model } to the file.${about}`,
        );
      if (USES_EXPECTED.has(a.type) && a.value === undefined && written.expected === undefined) {
        problems.push(
          `${where(['assert', j])}: ${a.type} without a value compares with the expected output, but the case has none.${about}`,
        );
      }
    });
    defaults?.assert.forEach((a, j) => {
      if (USES_EXPECTED.has(a.type) && a.value === undefined && written.expected === undefined) {
        problems.push(
          `${where([])}: defaults.assert.${j} (${a.type}) compares with the expected output, but the case has none.${about}`,
        );
      }
    });
    return {
      name,
      vars: { ...defaults?.vars, ...written.vars },
      ...(written.expected !== undefined ? { expected: written.expected } : {}),
      assert: assertions,
      weight: written.weight ?? defaults?.weight ?? 1,
      threshold: written.threshold ?? defaults?.threshold ?? 1,
    };
  });
  return { cases, problems };
}

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
