// Eval runs as CI uploads them (POST /api/v1/eval-runs), for the evals API and page tests.
import type { EvalRunUpload } from '@/lib/validations/eval-run';
import { baseUrl, createTestKey } from './system';

type Result = EvalRunUpload['results'][number];

/** A passing or failing result of one case with one assertion, as the CLI would report it. */
export function evalResult(name: string, passed: boolean, fields: Partial<Result> = {}): Result {
  return {
    name,
    passed,
    score: passed ? 1 : 0,
    vars: { question: `What about ${name}?` },
    output: passed ? `The answer to ${name}.` : `I cannot help with ${name}.`,
    expected: `The answer to ${name}.`,
    assertions: [
      {
        type: 'contains',
        passed,
        score: passed ? 1 : 0,
        weight: 1,
        reason: passed ? 'contains "answer"' : 'output does not contain "answer"',
      },
    ],
    latencyMs: 420,
    costUsd: 0.0012,
    ...fields,
  };
}

export function evalRun(feature: string, results: Result[], fields: Partial<EvalRunUpload> = {}): EvalRunUpload {
  return {
    feature,
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    finishedAt: new Date().toISOString(),
    threshold: 0.8,
    results,
    ...fields,
  };
}

let uploadKey: Promise<string> | undefined;

export async function postEvalRun(body: unknown, key?: string): Promise<Response> {
  return fetch(`${baseUrl()}/api/v1/eval-runs`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${key ?? (await (uploadKey ??= createTestKey(['evals:write'], 'eval-uploader')))}`,
    },
    body: JSON.stringify(body),
  });
}

/** Uploads a run and answers its id (the upload must succeed). */
export async function uploadEvalRun(
  body: EvalRunUpload,
): Promise<{ id: number; url: string; total: number; passed: number; passRate: number }> {
  const res = await postEvalRun(body);
  if (res.status !== 201) throw new Error(`Upload answered ${res.status}: ${await res.text()}`);
  return res.json();
}
