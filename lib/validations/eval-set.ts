// The eval file of `switchboard eval` (docs/evals.md#the-eval-file), as written: YAML or JSON,
// cases inline or in a .jsonl/.csv file. lib/evals/eval-file.ts reads it into an EvalSet
// (lib/evals/types.ts).
import { z } from 'zod';
import { assertionProblems, toAssertion } from '@/lib/evals/file/assertion-rules';
import type { TargetSpec } from '@/lib/evals/types';
import { EnvironmentSchema } from './environment';
import { FeatureKeySchema, strict } from './slo';

/** The pass rate a run needs when the file does not say: most cases, not every one (models vary). */
export const DEFAULT_SET_THRESHOLD = 0.8;
/** How far a run may fall below its baseline when nothing says otherwise (an import has no set). */
export const DEFAULT_REGRESSION_TOLERANCE = 0.05;

const number = (what: string) =>
  z.number({ error: (issue) => (issue.input === undefined ? `${what} is required.` : `${what} must be a number.`) });
const share = (what: string) =>
  number(what).min(0, `${what} must be from 0 to 1.`).max(1, `${what} must be from 0 to 1.`);
const weight = number('weight').min(0, 'weight must be 0 or more.').max(1_000_000, 'weight is implausibly large.');
const whole = (what: string, min: number, max: number) =>
  number(what)
    .int(`${what} must be a whole number.`)
    .min(min, `${what} must be at least ${min}.`)
    .max(max, `${what} must be at most ${max}.`);
const label = (what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .min(1, `${what} must not be empty.`)
    .max(200, `${what} must be at most 200 characters.`);
const text = (what: string) =>
  z.union([z.string(), z.number(), z.boolean()], { error: `${what} must be text.` }).transform(String);

export const AssertionSchema = strict(
  {
    type: z.string({
      error: 'type is required, e.g. contains, regex, similar, llm-rubric (each may start with "not-").',
    }),
    value: z.unknown().optional(),
    threshold: number('threshold').optional(),
    weight: weight.default(1),
  },
  'An assertion is a map like { type: contains, value: refund }.',
)
  .superRefine((written, ctx) => {
    for (const { field, message } of assertionProblems(written))
      ctx.addIssue({ code: 'custom', path: [field], message });
  })
  .transform(toAssertion);

const AssertListSchema = z.array(AssertionSchema, {
  error: 'assert must be a list of assertions, e.g. [{ type: contains, value: refund }].',
});
const VarsSchema = z.record(z.string(), z.unknown(), { error: 'vars must be a map of variable names to values.' });

export const CaseSchema = strict(
  {
    name: label('name').optional(),
    vars: VarsSchema.default({}),
    expected: text('expected').optional(),
    assert: AssertListSchema.default([]),
    weight: weight.optional(),
    threshold: share('threshold').optional(),
  },
  'A case is a map like { name: refund, vars: { question: … }, assert: [ … ] }.',
);
export type WrittenCase = z.output<typeof CaseSchema>;

const DefaultsSchema = strict(
  {
    vars: VarsSchema.default({}),
    assert: AssertListSchema.default([]),
    weight: weight.optional(),
    threshold: share('threshold').optional(),
  },
  'defaults is a map like { vars: { … }, assert: [ … ] }.',
);
export type CaseDefaults = z.output<typeof DefaultsSchema>;

const url = z.url({ protocol: /^https?$/, error: 'baseUrl must be an http(s) URL, e.g. http://localhost:4010/v1.' });
const apiKeyEnv = z
  .string({ error: 'apiKeyEnv must be text.' })
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'apiKeyEnv is the name of the environment variable that holds the key, e.g. OPENAI_API_KEY (never the key itself).',
  );
const model = label('model');

export const ModelEndpointSchema = strict(
  { baseUrl: url, model, apiKeyEnv: apiKeyEnv.optional() },
  'An endpoint is a map like { baseUrl: https://api.openai.com/v1, model: gpt-4o-mini, apiKeyEnv: OPENAI_API_KEY }.',
);

const MessageSchema = strict(
  {
    role: z.enum(['system', 'user', 'assistant'], { error: 'role must be system, user or assistant.' }),
    content: z.string({ error: 'content must be text (with {{variable}} placeholders).' }),
  },
  'A message is a map like { role: user, content: "{{question}}" }.',
);

const HttpTargetSchema = strict({
  type: z.literal('http'),
  baseUrl: url,
  model,
  apiKeyEnv: apiKeyEnv.optional(),
  messages: z
    .array(MessageSchema, { error: 'messages must be a list of { role, content }.' })
    .min(1, 'Give at least one message.')
    .optional(),
  /** A single user message: the short form of messages. */
  prompt: z
    .string({ error: 'prompt must be text (with {{variable}} placeholders).' })
    .min(1, 'prompt must not be empty.')
    .optional(),
  temperature: number('temperature')
    .min(0, 'temperature must be from 0 to 2.')
    .max(2, 'temperature must be from 0 to 2.')
    .optional(),
  maxTokens: whole('maxTokens', 1, 1_000_000).optional(),
})
  .superRefine((t, ctx) => {
    if ((t.messages === undefined) === (t.prompt === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'Give either messages (a list of { role, content }) or prompt (a single user message), not both or neither.',
      });
    }
  })
  .transform(({ type: _type, prompt, messages, ...rest }): TargetSpec => ({
    kind: 'http',
    ...rest,
    messages: messages ?? [{ role: 'user', content: prompt! }],
  }));

const ModuleTargetSchema = strict({
  type: z.literal('module'),
  /** Relative to the eval file. */
  path: z
    .string({ error: 'path must be the file of the module, e.g. ./eval-target.ts.' })
    .min(1, 'path must not be empty.'),
  export: z
    .string({ error: 'export must be text.' })
    .regex(/^[A-Za-z_$][\w$]*$/, 'export must be the name of an exported function, e.g. run.')
    .optional(),
}).transform(({ path, export: exportName }): TargetSpec => ({
  kind: 'module',
  path,
  ...(exportName ? { exportName } : {}),
}));

const ExecTargetSchema = strict({
  type: z.literal('exec'),
  command: z
    .array(z.string({ error: 'Each word of command must be text.' }).min(1, 'A word of command must not be empty.'), {
      error: 'command must be a list: the program and its arguments, e.g. [python3, app.py] (no shell is involved).',
    })
    .min(1, 'command needs at least the program, e.g. [python3, app.py].'),
  /** Relative to the eval file. */
  cwd: z
    .string({ error: 'cwd must be a folder, relative to the eval file.' })
    .min(1, 'cwd must not be empty.')
    .optional(),
  env: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'env names are environment variable names, e.g. MODEL.'),
      z.union([z.string(), z.number(), z.boolean()], { error: 'env values must be text.' }).transform(String),
      { error: 'env must be a map of variable names to values.' },
    )
    .optional(),
  timeoutMs: whole('timeoutMs', 1, 3_600_000).optional(),
}).transform(({ type: _type, ...rest }): TargetSpec => ({ kind: 'exec', ...rest }));

const TargetSchema = z.discriminatedUnion('type', [HttpTargetSchema, ModuleTargetSchema, ExecTargetSchema], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? 'target.type must be "http" (an OpenAI-compatible endpoint), "module" (a JS/TS file) or "exec" (a command, e.g. [python3, app.py]).'
      : 'target must be { type: http, … }, { type: module, … } or { type: exec, … }.',
});

/** Inline cases, or the path (relative to the eval file) of a .jsonl or .csv file of cases. */
const CasesSchema = z.unknown().transform((value, ctx) => {
  if (typeof value === 'string') {
    if (/\.(jsonl|csv)$/i.test(value.trim())) return value.trim();
    ctx.addIssue({ code: 'custom', message: 'A file of cases must be a .jsonl or .csv file.' });
    return z.NEVER;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) ctx.addIssue({ code: 'custom', message: 'Give at least one case.' });
    const parsed = z.array(CaseSchema).safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  }
  ctx.addIssue({
    code: 'custom',
    message: 'cases must be a list of cases or the path of a .jsonl or .csv file of cases.',
  });
  return z.NEVER;
});

export const EvalFileSchema = strict({
  feature: FeatureKeySchema,
  name: label('name').optional(),
  description: z
    .string({ error: 'description must be text.' })
    .max(2000, 'description must be at most 2000 characters.')
    .optional(),
  target: TargetSchema,
  defaults: DefaultsSchema.optional(),
  cases: CasesSchema,
  threshold: share('threshold').default(DEFAULT_SET_THRESHOLD),
  regressionTolerance: share('regressionTolerance').default(DEFAULT_REGRESSION_TOLERANCE),
  concurrency: whole('concurrency', 1, 100).default(4),
  timeoutMs: whole('timeoutMs', 1, 3_600_000).default(30_000),
  retries: whole('retries', 0, 10).default(3),
  judge: ModelEndpointSchema.optional(),
  embeddings: ModelEndpointSchema.optional(),
  model: label('model').optional(),
  promptVersion: label('promptVersion').optional(),
  environment: EnvironmentSchema.default('production'),
});
export type EvalFile = z.output<typeof EvalFileSchema>;
