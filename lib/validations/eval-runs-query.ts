// Inputs of the eval-run reads and of marking a baseline: a run id and the list's query.
import { z } from 'zod';
import { EnvironmentSchema } from './environment';

export const EvalRunIdSchema = z.coerce
  .number({ message: 'Must be an eval run id (a number).' })
  .int('Must be a whole number.')
  .positive('Must be an eval run id (a number).');

export const MarkBaselineSchema = z.object({ id: EvalRunIdSchema });

/** GET /api/v1/features/{key}/eval-runs: `limit` (1–200, default 50) and an optional `environment`. */
export const EvalRunListQuerySchema = z.strictObject(
  {
    limit: z.coerce
      .number({ message: 'limit must be a number.' })
      .int('limit must be a whole number.')
      .min(1, 'limit is at least 1.')
      .max(200, 'limit is at most 200.')
      .default(50),
    environment: EnvironmentSchema.optional(),
  },
  {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}.` : undefined),
  },
);
export type EvalRunListQuery = z.infer<typeof EvalRunListQuerySchema>;

/** The compare page's `?base=ID&head=ID`. */
export const EvalCompareQuerySchema = z.object({
  base: EvalRunIdSchema,
  head: EvalRunIdSchema,
});
