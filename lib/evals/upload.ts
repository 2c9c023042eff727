// RunResults as the upload of POST /api/v1/eval-runs (lib/validations/eval-run.ts): texts cut to
// what the server keeps, labels it would refuse left out, so a long output never loses the run.
import type { EvalRunUpload } from '@/lib/validations/eval-run';
import type { RunCaseResult } from './run';
import type { RunResults } from './types';

const MAX_TEXT = 100_000;
const MAX_REASON = 5_000;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const GIT_COMMIT = /^[0-9a-f]{7,64}$/i;

export function toUploadPayload(run: RunResults): EvalRunUpload {
  const label = (value: string | undefined) => (value?.trim() ? value.trim().slice(0, 200) : undefined);
  return {
    feature: run.feature,
    name: label(run.name),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    gitCommit: run.gitCommit && GIT_COMMIT.test(run.gitCommit) ? run.gitCommit : undefined,
    gitBranch: label(run.gitBranch),
    model: label(run.model ?? run.target.model),
    promptVersion: label(run.promptVersion),
    environment: run.environment,
    threshold: run.threshold,
    results: run.results.map((r) => ({
      name: r.name,
      repeat: r.repeat,
      passed: r.passed,
      score: Math.min(1, Math.max(0, r.score)),
      weight: (r as Partial<RunCaseResult>).weight ?? 1,
      vars: r.vars,
      output: r.output === null ? null : cut(r.output, MAX_TEXT),
      expected: r.expected === null ? null : cut(r.expected, MAX_TEXT),
      assertions: r.assertions
        .slice(0, 100)
        .map((a) => ({ ...a, score: Math.min(1, Math.max(0, a.score)), reason: cut(a.reason, MAX_REASON) })),
      latencyMs: r.latencyMs === null ? null : Math.max(0, Math.round(r.latencyMs)),
      costUsd: r.costUsd,
      error: r.error === null ? null : cut(r.error, MAX_REASON),
    })),
  };
}
