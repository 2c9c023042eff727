// The shapes the eval harness passes between its parts: the eval set as loaded (lib/evals/eval-file.ts),
// what a target answers (lib/evals/targets), what the assertions make of it (lib/evals/assertions),
// and the results of a run (lib/evals/run.ts), which the CLI prints, writes, compares against a
// baseline and uploads (POST /api/v1/eval-runs, lib/validations/eval-run.ts).

/** Every assertion type of an eval file; each may be negated with a `not-` prefix in the file. */
export const ASSERTION_TYPES = [
  'equals',
  'contains',
  'icontains',
  'contains-any',
  'contains-all',
  'starts-with',
  'regex',
  'is-json',
  'json-schema',
  'javascript',
  'similar',
  'llm-rubric',
  'latency',
  'cost',
] as const;
export type AssertionType = (typeof ASSERTION_TYPES)[number];

/** One assertion of a case, defaults applied and `not-` parsed into `not`. */
export interface Assertion {
  type: AssertionType;
  not: boolean;
  /**
   * What the type compares with: the text (equals, contains, starts-with), a list (contains-any/all),
   * a regex source, a JSON schema object, a JavaScript expression, the expected text (similar:
   * defaults to the case's `expected`), the rubric (llm-rubric), a limit in ms (latency) or USD (cost).
   */
  value?: unknown;
  /** similar: the least similarity in [0, 1]; llm-rubric: the least judge score in [0, 1]. */
  threshold?: number;
  /** Its share of the case's score. Default 1. */
  weight: number;
}

/** A judge for llm-rubric and an embedding endpoint for similar, both OpenAI-compatible. */
export interface ModelEndpoint {
  baseUrl: string;
  model: string;
  /** The name of the environment variable holding the API key (never the key itself). */
  apiKeyEnv?: string;
}

export type TargetSpec =
  | {
      kind: 'http';
      /** OpenAI-compatible base URL, e.g. http://localhost:4010/v1: POST {baseUrl}/chat/completions. */
      baseUrl: string;
      model: string;
      apiKeyEnv?: string;
      /** Chat messages with {{variable}} placeholders filled from the case's vars. */
      messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
      temperature?: number;
      maxTokens?: number;
    }
  | {
      kind: 'module';
      /** A .js/.mjs/.ts file (relative to the eval file) exporting `default` or `run`: async (vars) => string | { output, costUsd? }. */
      path: string;
      exportName?: string;
    }
  | {
      kind: 'exec';
      /** The program and its arguments, run without a shell: one case as JSON on stdin, the answer as JSON on stdout. */
      command: string[];
      /** Where it runs, relative to the eval file. Default: the eval file's folder. */
      cwd?: string;
      /** Added to the environment the CLI runs in. */
      env?: Record<string, string>;
      /** The per-case limit for this target; else the set's timeoutMs. */
      timeoutMs?: number;
    };

export interface EvalCase {
  /** Unique in the set: how results are matched against a baseline. */
  name: string;
  vars: Record<string, unknown>;
  expected?: string;
  assert: Assertion[];
  /** Weight of the case in the run's pass rate. Default 1. */
  weight: number;
  /**
   * The least weighted share (0–1) of passed assertions for the case to pass. Default 1: every
   * assertion passes. (CaseResult.score is the weighted mean of the assertion scores; see
   * lib/evals/assertions/index.ts.)
   */
  threshold: number;
}

export interface EvalSet {
  /** Where it was read from (for messages and for resolving relative paths). */
  file: string;
  feature: string;
  name?: string;
  description?: string;
  target: TargetSpec;
  cases: EvalCase[];
  /** The least weighted pass rate (0–1) for the run to pass. */
  threshold: number;
  /** How far (0–1) the pass rate may fall below the baseline's before the run fails as a regression. */
  regressionTolerance: number;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  judge?: ModelEndpoint;
  embeddings?: ModelEndpoint;
  /** Labels stored with an uploaded run. */
  model?: string;
  promptVersion?: string;
  environment: string;
}

/** What a target answered for one case (or why it failed). */
export interface TargetAnswer {
  output: string;
  latencyMs: number;
  /** Null when the target cannot tell (a module that returns no cost). */
  costUsd: number | null;
  /** Served from the on-disk cache. */
  cached: boolean;
}

export interface AssertionResult {
  /** As written in the file, e.g. "not-contains". */
  type: string;
  passed: boolean;
  /** In [0, 1]: 1 or 0 for exact checks; the similarity or the judge's score where there is one. */
  score: number;
  weight: number;
  /** Why it failed (or, for scored checks, what was measured), in words for the summary table. */
  reason: string;
}

export interface CaseResult {
  name: string;
  /** 0-based repeat (--repeat N). */
  repeat: number;
  passed: boolean;
  /** Weighted assertion score in [0, 1]. */
  score: number;
  vars: Record<string, unknown>;
  output: string | null;
  expected: string | null;
  assertions: AssertionResult[];
  latencyMs: number | null;
  costUsd: number | null;
  cached: boolean;
  /** The target failed (after retries) or timed out: the case fails with this message. */
  error: string | null;
}

export interface RunResults {
  feature: string;
  name?: string;
  startedAt: string;
  finishedAt: string;
  target: { kind: TargetSpec['kind']; model?: string };
  model?: string;
  promptVersion?: string;
  environment: string;
  gitCommit?: string;
  gitBranch?: string;
  threshold: number;
  /** Results (cases × repeats) and how many passed. */
  total: number;
  passed: number;
  /** Σ weight·passed / Σ weight over the results. */
  passRate: number;
  results: CaseResult[];
}
