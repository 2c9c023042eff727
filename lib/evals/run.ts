// Runs an eval set: every case × repeat against the target (concurrently, with a timeout per
// attempt, retries and the answer cache), checks the answers and collects RunResults. A target
// error fails its case; only a set that cannot run as configured throws (EvalConfigError).
import { AnswerCache, cacheKey } from './cache';
import { checkCase } from './assertions';
import { weightedPassRate } from './case-rates';
import { TargetError } from './errors';
import { runPool } from './pool';
import { withRetries, type RetryOptions } from './retry';
import { createTarget, type Target } from './targets';
import type { PriceTable } from '@/lib/cost/price-table';
import type { CaseResult, EvalCase, EvalSet, RunResults, TargetAnswer } from './types';

/** A result with its case's weight, so that a results file alone gives the weighted pass rate. */
export type RunCaseResult = CaseResult & { weight: number };

export interface RunProgress {
  done: number;
  total: number;
  passed: number;
  failed: number;
}

export interface RunOptions {
  /** Runs of each case. Default 1. */
  repeat?: number;
  /** Overrides the set's concurrency. */
  concurrency?: number;
  /** Where answers are cached; null runs without the cache. */
  cacheDir: string | null;
  /** Where the API key variables are read from. */
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  prices?: PriceTable;
  name?: string;
  git?: { commit?: string; branch?: string };
  /** Backoff settings (tests shorten the waits); `retries` comes from the set. */
  retry?: Omit<RetryOptions, 'retries'>;
  onProgress?: (progress: RunProgress) => void;
  signal?: AbortSignal;
}

interface Job {
  evalCase: EvalCase;
  input: unknown;
  repeat: number;
}

export async function runEvalSet(set: EvalSet, options: RunOptions): Promise<RunResults> {
  const startedAt = new Date().toISOString();
  // The run's model label: the set's own, else the model an http target asks.
  const model = set.model ?? (set.target.kind === 'http' ? set.target.model : undefined);
  const target = await createTarget(set, { env: options.env, fetch: options.fetch, prices: options.prices });
  const repeat = options.repeat ?? 1;
  // Rendering every input first turns a missing variable into one configuration error, before any call.
  const inputs = set.cases.map((evalCase) => target.render(evalCase));
  const jobs: Job[] = set.cases.flatMap((evalCase, i) =>
    Array.from({ length: repeat }, (_, r) => ({ evalCase, input: inputs[i], repeat: r })),
  );
  const cache = options.cacheDir === null ? null : new AnswerCache(options.cacheDir);
  const results: RunCaseResult[] = new Array(jobs.length);
  const progress: RunProgress = { done: 0, total: jobs.length, passed: 0, failed: 0 };
  options.onProgress?.({ ...progress });

  await runPool(jobs, options.concurrency ?? set.concurrency, async (job, index) => {
    const result = await runJob(job, set, target, cache, options);
    results[index] = result;
    progress.done++;
    progress[result.passed ? 'passed' : 'failed']++;
    options.onProgress?.({ ...progress });
  });

  return {
    feature: set.feature,
    ...((options.name ?? set.name) ? { name: options.name ?? set.name } : {}),
    startedAt,
    finishedAt: new Date().toISOString(),
    target: set.target.kind === 'http' ? { kind: 'http', model: set.target.model } : { kind: set.target.kind },
    ...(model ? { model } : {}),
    ...(set.promptVersion ? { promptVersion: set.promptVersion } : {}),
    environment: set.environment,
    ...(options.git?.commit ? { gitCommit: options.git.commit } : {}),
    ...(options.git?.branch ? { gitBranch: options.git.branch } : {}),
    threshold: set.threshold,
    total: results.length,
    passed: results.filter((r) => r.passed).length,
    passRate: weightedPassRate(results),
    results,
  };
}

/** The limit of one attempt: an exec target's own timeoutMs, else the set's. */
export const attemptTimeoutMs = (set: EvalSet): number =>
  (set.target.kind === 'exec' ? set.target.timeoutMs : undefined) ?? set.timeoutMs;

async function runJob(
  job: Job,
  set: EvalSet,
  target: Target,
  cache: AnswerCache | null,
  options: RunOptions,
): Promise<RunCaseResult> {
  const { evalCase, repeat } = job;
  const base = {
    name: evalCase.name,
    repeat,
    weight: evalCase.weight,
    vars: evalCase.vars,
    expected: evalCase.expected ?? null,
  };
  let answer: TargetAnswer;
  try {
    answer = await answerFor(job, set, target, cache, options);
  } catch (err) {
    const message =
      err instanceof TargetError ? err.message : `The target failed: ${(err as Error).message ?? String(err)}`;
    const error = message.endsWith(' timed out') ? `${message} after ${attemptTimeoutMs(set)} ms` : message;
    return {
      ...base,
      passed: false,
      score: 0,
      output: null,
      assertions: [],
      latencyMs: null,
      costUsd: null,
      cached: false,
      error,
    };
  }
  const common = {
    ...base,
    output: answer.output,
    latencyMs: answer.latencyMs,
    costUsd: answer.costUsd,
    cached: answer.cached,
  };
  try {
    const checked = await checkCase(evalCase, answer, {
      judge: set.judge,
      embeddings: set.embeddings,
      env: options.env,
      signal: options.signal,
      fetch: options.fetch,
    });
    return { ...common, ...checked, error: null };
  } catch (err) {
    return {
      ...common,
      passed: false,
      score: 0,
      assertions: [],
      error: `The assertions could not run: ${(err as Error).message ?? String(err)}`,
    };
  }
}

async function answerFor(
  job: Job,
  set: EvalSet,
  target: Target,
  cache: AnswerCache | null,
  options: RunOptions,
): Promise<TargetAnswer> {
  const key = cacheKey(target.identity, job.input, job.repeat);
  const hit = await cache?.get(key);
  if (hit) return { ...hit, cached: true };
  const call = await withRetries(
    () => {
      const timeout = AbortSignal.timeout(attemptTimeoutMs(set));
      return target.call(job.input, options.signal ? AbortSignal.any([options.signal, timeout]) : timeout);
    },
    { ...options.retry, retries: set.retries },
    options.signal,
  );
  await cache?.set(key, call);
  return { ...call, cached: false };
}
