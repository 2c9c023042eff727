// What a run's pass rate means at a glance: below the set's threshold, below the baseline, or fine.

export type RunVerdict = 'below_threshold' | 'below_baseline' | 'passing' | 'unjudged';

/** Worst first, for sorting lists. */
export const VERDICT_ORDER: readonly RunVerdict[] = ['below_threshold', 'below_baseline', 'passing', 'unjudged'];

export function runVerdict(
  run: { passRate: number; threshold: number | null },
  baselinePassRate: number | null,
): RunVerdict {
  if (run.threshold !== null && run.passRate < run.threshold) return 'below_threshold';
  if (baselinePassRate !== null && run.passRate < baselinePassRate) return 'below_baseline';
  return run.threshold !== null || baselinePassRate !== null ? 'passing' : 'unjudged';
}
