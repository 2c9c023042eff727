// A promptfoo result file (`promptfoo eval --output results.json`) as an eval run upload, so teams
// on promptfoo get the dashboard, the baseline diff and the accuracy SLO without rewriting evals.
// Read: results.results[] entries with testCase/vars, response.output, success, score,
// gradingResult.componentResults[], latencyMs and cost; everything else in the file is ignored.
import { z } from 'zod';
import type { EvalRunUpload } from '@/lib/validations/eval-run';
import { truncate } from './summary';

const ComponentSchema = z.looseObject({
  pass: z.boolean().optional(),
  score: z.number().nullish(),
  reason: z.string().nullish(),
  assertion: z.looseObject({ type: z.string().optional(), weight: z.number().optional() }).nullish(),
});

const EntrySchema = z.looseObject({
  testIdx: z.number().int().optional(),
  promptIdx: z.number().int().optional(),
  description: z.string().nullish(),
  testCase: z
    .looseObject({ description: z.string().nullish(), vars: z.record(z.string(), z.unknown()).nullish() })
    .nullish(),
  vars: z.record(z.string(), z.unknown()).nullish(),
  prompt: z.looseObject({ label: z.string().nullish(), raw: z.string().nullish() }).nullish(),
  provider: z.union([z.string(), z.looseObject({ id: z.string().nullish(), label: z.string().nullish() })]).nullish(),
  response: z
    .looseObject({
      output: z.unknown().optional(),
      error: z.string().nullish(),
      cost: z.number().nullish(),
      latencyMs: z.number().nullish(),
    })
    .nullish(),
  success: z.boolean({ error: 'needs success: true or false' }),
  score: z.number().nullish(),
  gradingResult: z
    .looseObject({
      score: z.number().nullish(),
      reason: z.string().nullish(),
      componentResults: z.array(ComponentSchema).nullish(),
    })
    .nullish(),
  latencyMs: z.number().nullish(),
  cost: z.number().nullish(),
  error: z.string().nullish(),
});
type Entry = z.infer<typeof EntrySchema>;

export const PromptfooResultsSchema = z.looseObject({
  results: z.looseObject(
    {
      timestamp: z.string().optional(),
      results: z.array(EntrySchema).min(1, 'The file has no results.'),
    },
    {
      error: 'Expected promptfoo JSON output: { results: { results: [...] } } (promptfoo eval --output results.json).',
    },
  ),
});

/** The labels of an imported run (promptfoo or JUnit), as the CLI gives them. */
export interface RunImportOptions {
  feature: string;
  name?: string;
  environment?: string;
  gitCommit?: string;
  gitBranch?: string;
}

const clamp01 = (n: number | null | undefined) => (n == null || Number.isNaN(n) ? null : Math.min(1, Math.max(0, n)));
const providerName = (e: Entry) =>
  typeof e.provider === 'string' ? e.provider : e.provider?.label || e.provider?.id || undefined;
const asText = (value: unknown) => (value == null ? null : typeof value === 'string' ? value : JSON.stringify(value));

/** A case name that stays the same across runs: the test's description, else its variables. */
function testName(e: Entry): string {
  const described = e.testCase?.description ?? e.description;
  if (described?.trim()) return truncate(described, 150);
  const vars = Object.entries(e.vars ?? e.testCase?.vars ?? {});
  if (vars.length) return truncate(vars.map(([k, v]) => `${k}=${asText(v)}`).join(', '), 150);
  return `test ${(e.testIdx ?? 0) + 1}`;
}

export function promptfooToUpload(
  data: z.infer<typeof PromptfooResultsSchema>,
  options: RunImportOptions,
): EvalRunUpload {
  const entries = data.results.results;
  const providers = new Set(entries.map(providerName));
  const prompts = new Set(entries.map((e) => e.promptIdx ?? 0));
  const repeats = new Map<string, number>();
  const results = entries.map((e) => {
    // promptfoo crosses tests with prompts and providers: each combination is a case of its own.
    const variant = [
      prompts.size > 1 ? (e.prompt?.label ?? `prompt ${(e.promptIdx ?? 0) + 1}`) : null,
      providers.size > 1 ? providerName(e) : null,
    ].filter(Boolean);
    const name = `${testName(e)}${variant.length ? ` [${variant.join(' · ')}]` : ''}`;
    const repeat = repeats.get(name) ?? 0;
    repeats.set(name, repeat + 1);
    const latency = e.latencyMs ?? e.response?.latencyMs;
    return {
      name,
      repeat,
      passed: e.success,
      score: clamp01(e.score ?? e.gradingResult?.score),
      vars: e.vars ?? e.testCase?.vars ?? {},
      output: asText(e.response?.output),
      assertions: (e.gradingResult?.componentResults ?? []).slice(0, 100).map((c) => ({
        type: c.assertion?.type ?? 'unknown',
        passed: c.pass ?? false,
        score: clamp01(c.score) ?? (c.pass ? 1 : 0),
        weight: c.assertion?.weight ?? 1,
        reason: (c.reason ?? '').slice(0, 5000),
      })),
      latencyMs: latency == null ? null : Math.max(0, Math.round(latency)),
      costUsd: e.cost ?? e.response?.cost ?? null,
      error: (e.error ?? e.response?.error ?? null)?.slice(0, 5000) ?? null,
    };
  });
  const single = providers.size === 1 ? [...providers][0] : undefined;
  return {
    feature: options.feature,
    ...(options.name ? { name: options.name } : {}),
    startedAt:
      data.results.timestamp && !Number.isNaN(Date.parse(data.results.timestamp))
        ? new Date(data.results.timestamp).toISOString()
        : new Date().toISOString(),
    ...(options.gitCommit ? { gitCommit: options.gitCommit } : {}),
    ...(options.gitBranch ? { gitBranch: options.gitBranch } : {}),
    ...(single ? { model: single.replace(/^[\w-]+:(chat:)?/, '').slice(0, 200) } : {}),
    environment: options.environment ?? 'production',
    results,
  };
}
