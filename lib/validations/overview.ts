import { z } from 'zod';

/** An environment name as calls carry it: "production", "staging", "eu-prod-2". */
export const EnvironmentSchema = z
  .string()
  .trim()
  .min(1, 'Give an environment name.')
  .max(64, 'Use at most 64 characters.')
  .regex(/^[A-Za-z0-9._:-]+$/, 'Use letters, digits, ".", "_", ":" or "-".');

/** Query parameters of GET /api/v1/overview (and of the overview page's URL). */
export const OverviewQuerySchema = z.strictObject(
  { environment: EnvironmentSchema.default('production') },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}.` : undefined) },
);
export type OverviewQuery = z.infer<typeof OverviewQuerySchema>;
