// A stored run as the API answers it: the upload's fields (absent when not given, so a client can
// read it as it wrote it) plus what the server knows: id, page URL, counted figures, baseline flag.
import type { EvalResultRow, EvalRunRow } from '@/db/queries/eval-runs';
import { publicUrl } from '@/lib/env';
import type { EvalRunInput } from '@/lib/validations/eval-run';
import { evalRunPath } from './links';

type ResultJson = EvalRunInput['results'][number];

export interface EvalRunSummaryJson {
  id: number;
  url: string;
  feature: string;
  name?: string;
  startedAt: string;
  finishedAt?: string;
  gitCommit?: string;
  gitBranch?: string;
  model?: string;
  promptVersion?: string;
  environment: string;
  threshold?: number;
  total: number;
  passed: number;
  passRate: number;
  isBaseline: boolean;
  createdAt: string;
}

export interface EvalRunJson extends EvalRunSummaryJson {
  results: ResultJson[];
}

/** The run's dashboard page as an absolute URL (NEXTAUTH_URL behind a proxy). */
export const evalRunUrl = (id: number) => `${publicUrl()}${evalRunPath(id)}`;

const given = <K extends string, V>(key: K, value: V | null): { [P in K]?: V } =>
  value === null ? {} : ({ [key]: value } as { [P in K]: V });

export function toEvalRunSummaryJson(run: EvalRunRow): EvalRunSummaryJson {
  return {
    id: run.id,
    url: evalRunUrl(run.id),
    feature: run.feature,
    ...given('name', run.name),
    startedAt: run.startedAt.toISOString(),
    ...given('finishedAt', run.finishedAt?.toISOString() ?? null),
    ...given('gitCommit', run.gitCommit),
    ...given('gitBranch', run.gitBranch),
    ...given('model', run.model),
    ...given('promptVersion', run.promptVersion),
    environment: run.environment,
    ...given('threshold', run.threshold),
    total: run.total,
    passed: run.passed,
    passRate: run.passRate,
    isBaseline: run.isBaseline,
    createdAt: run.createdAt.toISOString(),
  };
}

export function toEvalResultJson(r: EvalResultRow): ResultJson {
  return {
    name: r.caseName,
    repeat: r.repeat,
    passed: r.passed,
    score: r.score,
    weight: r.weight,
    vars: (r.input ?? {}) as ResultJson['vars'],
    output: r.output,
    expected: r.expected,
    assertions: (r.assertions ?? []) as ResultJson['assertions'],
    latencyMs: r.latencyMs,
    costUsd: r.costUsd,
    error: r.error,
  };
}

export function toEvalRunJson(run: EvalRunRow, results: EvalResultRow[]): EvalRunJson {
  return { ...toEvalRunSummaryJson(run), results: results.map(toEvalResultJson) };
}
