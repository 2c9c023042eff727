// A run against its baseline (a previous results file, or the run marked baseline on the
// dashboard): which cases regressed, which were fixed, which are new, and whether the run as a
// whole fell further than the set's tolerance.
import { z } from 'zod';
import { caseRates, weightedPassRate, type CaseRate, type RateInput } from './case-rates';

/** What a baseline needs: its results by case; RunResults and the upload shape both fit. */
export const BaselineRunSchema = z.looseObject({
  results: z
    .array(
      z.looseObject({
        name: z.string({ error: 'Each result needs the case name.' }).min(1),
        repeat: z.number().int().min(0).optional(),
        passed: z.boolean({ error: 'Each result needs passed: true or false.' }),
        weight: z.number().min(0).optional(),
      }),
    )
    .min(1, 'The baseline has no results.'),
});
export type BaselineRun = z.infer<typeof BaselineRunSchema>;

export interface CaseChange {
  name: string;
  before: CaseRate;
  after: CaseRate;
}

export interface Comparison {
  baselinePassRate: number;
  passRate: number;
  tolerance: number;
  /** The run's pass rate is below the baseline's by more than the tolerance. */
  regressed: boolean;
  /** Cases whose pass rate over repeats fell by more than the tolerance (a pass that now fails always does). */
  regressedCases: CaseChange[];
  /** Cases whose pass rate rose by more than the tolerance. */
  fixedCases: CaseChange[];
  newCases: string[];
  removedCases: string[];
}

/** Float noise must not turn "exactly the tolerance" into a regression. */
const EPSILON = 1e-9;

export function compareRuns(
  current: { results: readonly RateInput[] },
  baseline: { results: readonly RateInput[] },
  tolerance: number,
): Comparison {
  const before = new Map(caseRates(baseline.results).map((r) => [r.name, r]));
  const after = caseRates(current.results);
  const regressedCases: CaseChange[] = [];
  const fixedCases: CaseChange[] = [];
  const newCases: string[] = [];
  for (const now of after) {
    const then = before.get(now.name);
    if (!then) newCases.push(now.name);
    else if (then.passRate - now.passRate > tolerance + EPSILON)
      regressedCases.push({ name: now.name, before: then, after: now });
    else if (now.passRate - then.passRate > tolerance + EPSILON)
      fixedCases.push({ name: now.name, before: then, after: now });
  }
  const seen = new Set(after.map((r) => r.name));
  const baselinePassRate = weightedPassRate(baseline.results);
  const passRate = weightedPassRate(current.results);
  return {
    baselinePassRate,
    passRate,
    tolerance,
    regressed: baselinePassRate - passRate > tolerance + EPSILON,
    regressedCases,
    fixedCases,
    newCases,
    removedCases: [...before.keys()].filter((name) => !seen.has(name)),
  };
}
