// Pass rates: of a whole run (weighted by case) and of each case over its repeats. Results read
// from a baseline file or the server may lack a weight; it is 1 then.
import { formatPercent } from '@/lib/format/numbers';

export interface RateInput {
  name: string;
  passed: boolean;
  weight?: number;
}

export interface CaseRate {
  name: string;
  runs: number;
  passed: number;
  /** passed / runs. */
  passRate: number;
  weight: number;
}

/** Σ weight·passed / Σ weight; 0 for no results. */
export function weightedPassRate(results: readonly RateInput[]): number {
  const total = results.reduce((sum, r) => sum + (r.weight ?? 1), 0);
  return total ? results.reduce((sum, r) => sum + (r.passed ? (r.weight ?? 1) : 0), 0) / total : 0;
}

/** One entry per case name, in the order the cases first appear. */
export function caseRates(results: readonly RateInput[]): CaseRate[] {
  const byName = new Map<string, CaseRate>();
  for (const r of results) {
    const rate = byName.get(r.name) ?? { name: r.name, runs: 0, passed: 0, passRate: 0, weight: r.weight ?? 1 };
    rate.runs++;
    if (r.passed) rate.passed++;
    rate.passRate = rate.passed / rate.runs;
    byName.set(r.name, rate);
  }
  return [...byName.values()];
}

/** "passed" / "failed" for one run, "3/5 passed (60%)" over repeats. */
export function describeRate(rate: CaseRate): string {
  if (rate.runs === 1) return rate.passed ? 'passed' : 'failed';
  return `${rate.passed}/${rate.runs} passed (${formatPercent(rate.passRate)})`;
}
