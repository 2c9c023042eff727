// The SLO and cost-budget document of docs/slos.md#the-document: one schema for the forms, the API and the CLI.
import { z } from 'zod';
import { SLO_WINDOWS, type SloWindow } from '@/lib/slo/windows';
import { EnvironmentSchema } from './environment';

export const SLIS = ['latency', 'availability', 'accuracy', 'cost'] as const;
export type Sli = (typeof SLIS)[number];
/** The rolling windows an SLO may have, as the SLO math defines them: 7d, 28d, 30d. */
export const WINDOWS = Object.keys(SLO_WINDOWS) as [SloWindow, ...SloWindow[]];
export const DEFAULT_THRESHOLDS = [0.5, 0.8, 1];

/**
 * Refuses fields the document does not know, by name (a typo must not be silently ignored).
 * `notAnObject` says what belongs there when something other than an object is written.
 */
export const strict = <T extends z.core.$ZodLooseShape>(shape: T, notAnObject?: string) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
        : issue.code === 'invalid_type' && notAnObject
          ? notAnObject
          : undefined,
  });

const number = (what: string) =>
  z.number({ error: (issue) => (issue.input === undefined ? `${what} is required.` : `${what} must be a number.`) });

/** A share written as a fraction; 99 instead of 0.99 gets a message that says so. */
export const ObjectiveSchema = number('The objective').superRefine((value, ctx) => {
  if (value > 0 && value < 1) return;
  const message =
    value > 1 && value < 100
      ? `Write the objective as a fraction: ${+(value / 100).toFixed(6)} for ${value}%, not ${value}.`
      : 'The objective must be between 0 and 1 (both excluded), e.g. 0.99 for 99%.';
  ctx.addIssue({ code: 'custom', message });
});

export const SloNameSchema = z
  .string({ error: 'Give the SLO a name.' })
  .trim()
  .min(1, 'Give the SLO a name.')
  .max(63, 'Use at most 63 characters.')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use lower-case letters, digits, ".", "_" or "-", starting with a letter or digit.');

const common = {
  name: SloNameSchema,
  objective: ObjectiveSchema,
  window: z.enum(WINDOWS, { error: `The window must be one of ${WINDOWS.join(', ')}.` }),
  environment: EnvironmentSchema.default('production'),
};

const LatencySloSchema = strict({
  ...common,
  sli: z.literal('latency'),
  measure: z
    .enum(['total', 'ttft'], { error: 'measure must be "total" (the whole call) or "ttft" (time to first token).' })
    .default('total'),
  thresholdMs: number('thresholdMs')
    .int('thresholdMs must be a whole number of milliseconds.')
    .positive('thresholdMs must be more than 0 ms.')
    .max(3_600_000, 'thresholdMs must be at most one hour (3600000 ms).'),
});

const AvailabilitySloSchema = strict({
  ...common,
  sli: z.literal('availability'),
  countFallbackAsGood: z
    .boolean({
      error: 'countFallbackAsGood must be true (any route that answers counts) or false (only the primary model).',
    })
    .default(true),
});

const AccuracySloSchema = strict({
  ...common,
  sli: z.literal('accuracy'),
  source: z.enum(['evals', 'scores'], {
    error: 'source must be "evals" (uploaded eval runs) or "scores" (online scores of calls).',
  }),
  minScore: number('minScore')
    .min(0, 'minScore must be between 0 and 1.')
    .max(1, 'minScore must be between 0 and 1.')
    .optional(),
}).superRefine((slo, ctx) => {
  if (slo.source === 'scores' && slo.minScore === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['minScore'],
      message: 'Give minScore: the score (0–1) a call needs to count as good.',
    });
  }
  if (slo.source === 'evals' && slo.minScore !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['minScore'],
      message: 'minScore applies only to source "scores"; eval cases pass or fail.',
    });
  }
});

const CostSloSchema = strict({
  ...common,
  sli: z.literal('cost'),
  maxCostUsd: number('maxCostUsd')
    .positive('maxCostUsd must be more than $0.')
    .max(1000, 'maxCostUsd must be at most $1000 per call.'),
});

export const SloSchema = z.discriminatedUnion(
  'sli',
  [LatencySloSchema, AvailabilitySloSchema, AccuracySloSchema, CostSloSchema],
  {
    error: (issue) => (issue.code === 'invalid_union' ? `sli must be one of ${SLIS.join(', ')}.` : undefined),
  },
);
export type Slo = z.infer<typeof SloSchema>;
export type SloInput = z.input<typeof SloSchema>;

const usd = (what: string) =>
  number(what)
    .positive(`${what} must be more than $0, or null for no budget.`)
    .max(10_000_000, `${what} is implausibly large.`)
    .nullable()
    .default(null);

/** A share of the budget, e.g. 0.8 for an alert at 80%; 80 gets a message that says so. */
const ThresholdSchema = number('Each threshold').superRefine((value, ctx) => {
  if (value > 0 && value <= 2) return;
  const message =
    value > 2 && value <= 200
      ? `Write thresholds as fractions of the budget: ${+(value / 100).toFixed(6)} for ${value}%.`
      : 'Each threshold must be more than 0 and at most 2 (200% of the budget).';
  ctx.addIssue({ code: 'custom', message });
});

export const BudgetsSchema = strict({
  dailyUsd: usd('dailyUsd'),
  monthlyUsd: usd('monthlyUsd'),
  thresholds: z
    .array(ThresholdSchema, { error: 'thresholds must be a list of fractions, e.g. [0.5, 0.8, 1].' })
    .min(1, 'Give at least one threshold, e.g. [1] to be told when the budget is spent.')
    .max(10, 'Give at most 10 thresholds.')
    .refine((t) => new Set(t).size === t.length, 'Each threshold may appear only once.')
    .transform((t) => [...t].sort((a, b) => a - b))
    .default(DEFAULT_THRESHOLDS),
});
export type Budgets = z.infer<typeof BudgetsSchema>;

export const AutoTripSchema = strict({
  onPageAlert: z.boolean({ error: 'onPageAlert must be true or false.' }).default(false),
  onBudgetExhausted: z.boolean({ error: 'onBudgetExhausted must be true or false.' }).default(false),
});
export type AutoTrip = z.infer<typeof AutoTripSchema>;

const SloListSchema = z
  .array(SloSchema, { error: 'slos must be a list of SLOs.' })
  .max(50, 'A feature can have at most 50 SLOs.')
  .superRefine((slos, ctx) => {
    const seen = new Set<string>();
    slos.forEach((slo, i) => {
      if (seen.has(slo.name))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `Another SLO is already named "${slo.name}"; names must be unique.`,
        });
      seen.add(slo.name);
    });
  })
  .default([]);

/**
 * A feature's whole definition: its SLOs, cost budgets and auto-trip policies. A PUT replaces
 * all of it, so a field left out means its default (no SLOs, no budget, no auto-trip).
 */
export const SloDocumentSchema = strict({
  slos: SloListSchema,
  budgets: BudgetsSchema.default({ dailyUsd: null, monthlyUsd: null, thresholds: DEFAULT_THRESHOLDS }),
  autoTrip: AutoTripSchema.default({ onPageAlert: false, onBudgetExhausted: false }),
});
export type SloDocument = z.infer<typeof SloDocumentSchema>;
export type SloDocumentInput = z.input<typeof SloDocumentSchema>;

export const FeatureKeySchema = z
  .string({ error: 'Name the feature.' })
  .trim()
  .min(1, 'Name the feature.')
  .max(200, 'Feature keys are at most 200 characters.');

/** The file `switchboard slo apply` reads: the document with the feature it belongs to on top. */
export const SloFileSchema = SloDocumentSchema.extend({ feature: FeatureKeySchema });

// The forms' server actions: each edits one part of the document.
/** Why a change is made, for the audit log: optional in the forms (empty is none). */
export const ChangeReasonSchema = z
  .string()
  .trim()
  .max(500, 'Keep the reason under 500 characters.')
  .optional()
  .transform((reason) => reason || undefined);

export const SaveSloSchema = z.object({
  featureKey: FeatureKeySchema,
  originalName: SloNameSchema.optional(),
  slo: SloSchema,
  reason: ChangeReasonSchema,
});
/** A draft SLO to preview over its past window: validated like a save, never stored. */
export const PreviewSloSchema = SaveSloSchema.omit({ originalName: true });
export const DeleteSloSchema = z.object({
  featureKey: FeatureKeySchema,
  name: SloNameSchema,
  reason: ChangeReasonSchema,
});
export const SaveBudgetsSchema = z.object({
  featureKey: FeatureKeySchema,
  budgets: BudgetsSchema,
  reason: ChangeReasonSchema,
});
export const SaveAutoTripSchema = z.object({
  featureKey: FeatureKeySchema,
  autoTrip: AutoTripSchema,
  reason: ChangeReasonSchema,
});
