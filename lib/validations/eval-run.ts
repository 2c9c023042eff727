// An eval run as uploaded (POST /api/v1/eval-runs): what `switchboard eval --upload` and
// `switchboard eval import` send. The server counts total, passed and the pass rate from the
// results itself; a client's own figures are not trusted.
import { z } from 'zod';
import { FeatureKeySchema } from './slo';
import { EnvironmentSchema } from './environment';

const MAX_RESULTS = 10_000;
/** Long outputs are kept in full up to this many characters; more is refused with a message. */
const MAX_TEXT = 100_000;

const text = (what: string) =>
  z.string().max(MAX_TEXT, `${what} is longer than ${MAX_TEXT.toLocaleString('en')} characters.`);
const label = z.string().trim().min(1).max(200);

export const EvalAssertionResultSchema = z.strictObject({
  type: z.string().min(1).max(100),
  passed: z.boolean(),
  score: z.number().min(0).max(1),
  weight: z.number().min(0),
  reason: z.string().max(5_000),
});

export const EvalResultSchema = z.strictObject({
  /** The case's name, unique per repeat: results are matched against a baseline by it. */
  name: label,
  repeat: z.number().int().min(0).max(1_000).default(0),
  passed: z.boolean(),
  score: z.number().min(0).max(1).nullable().default(null),
  /** Case weight in the run's pass rate. */
  weight: z.number().min(0).default(1),
  vars: z.record(z.string(), z.unknown()).default({}),
  output: text('An output').nullable().default(null),
  expected: text('An expected output').nullable().default(null),
  assertions: z.array(EvalAssertionResultSchema).max(100).default([]),
  latencyMs: z.number().int().min(0).nullable().default(null),
  costUsd: z.number().min(0).nullable().default(null),
  error: z.string().max(5_000).nullable().default(null),
});

export const EvalRunUploadSchema = z
  .strictObject({
    feature: FeatureKeySchema,
    name: label.optional(),
    startedAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }).optional(),
    gitCommit: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/i, 'must be a git commit hash')
      .optional(),
    gitBranch: label.optional(),
    model: label.optional(),
    promptVersion: label.optional(),
    environment: EnvironmentSchema.default('production'),
    /** The set's pass-rate threshold, kept for the dashboard. */
    threshold: z.number().min(0).max(1).optional(),
    results: z.array(EvalResultSchema).min(1, 'A run needs at least one result.').max(MAX_RESULTS),
  })
  .superRefine((run, ctx) => {
    const seen = new Set<string>();
    run.results.forEach((r, i) => {
      const key = `${r.name}\u0000${r.repeat}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['results', i, 'name'],
          message: `Case "${r.name}" repeat ${r.repeat} appears twice.`,
        });
      seen.add(key);
    });
  });

export type EvalRunUpload = z.input<typeof EvalRunUploadSchema>;
export type EvalRunInput = z.output<typeof EvalRunUploadSchema>;
