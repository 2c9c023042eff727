// The shapes the evals components take: plain data, already formatted where it is text.
import type { EvalRunInput } from '@/lib/validations/eval-run';
import type { RunVerdict } from '@/lib/evals/run-verdict';

/** One result of a case (one repeat), as uploaded. */
export type EvalCaseResult = EvalRunInput['results'][number];

export interface EvalRunView {
  id: number;
  feature: string;
  name: string | null;
  /** "2026-11-27 02:14 UTC (6 min ago)". */
  when: string;
  environment: string;
  gitCommit: string | null;
  gitBranch: string | null;
  model: string | null;
  promptVersion: string | null;
  total: number;
  passed: number;
  passRate: number;
  threshold: number | null;
  isBaseline: boolean;
  verdict: RunVerdict;
}
