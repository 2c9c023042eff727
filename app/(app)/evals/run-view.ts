// A stored run as the evals pages show it: times formatted, verdict against threshold and baseline.
import type { EvalRunView } from '@/components/evals/types';
import type { EvalRunRow } from '@/db/queries/eval-runs';
import { runVerdict } from '@/lib/evals/run-verdict';
import { formatWhen } from '@/lib/format/time';

export function evalRunView(run: EvalRunRow, baselinePassRate: number | null, now: number): EvalRunView {
  return {
    id: run.id,
    feature: run.feature,
    name: run.name,
    when: formatWhen(run.startedAt, now),
    environment: run.environment,
    gitCommit: run.gitCommit,
    gitBranch: run.gitBranch,
    model: run.model,
    promptVersion: run.promptVersion,
    total: run.total,
    passed: run.passed,
    passRate: run.passRate,
    threshold: run.threshold,
    isBaseline: run.isBaseline,
    verdict: runVerdict(run, run.isBaseline ? null : baselinePassRate),
  };
}
