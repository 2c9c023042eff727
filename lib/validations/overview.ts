// Query parameters of the overview and of a feature's health.
import { z } from 'zod';
import { EnvironmentSchema } from './environment';

/** Query parameters as an object that names any parameter it does not know. */
function strictQuery<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}.` : undefined),
  });
}

/** At most this many keys in `features=` (the overview page asks for a page of 50). */
export const MAX_OVERVIEW_FEATURES = 200;

/** Query parameters of GET /api/v1/overview (and of the overview page's URL). */
export const OverviewQuerySchema = strictQuery({
  environment: EnvironmentSchema.default('production'),
  /** Which features carry their 24 hourly points: those with a problem (default), all, none. */
  hourly: z.enum(['problems', 'all', 'none'], { error: 'Use problems, all or none.' }).default('problems'),
  /** Comma-separated feature keys: only these features. */
  features: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .refine((keys) => keys.length <= MAX_OVERVIEW_FEATURES, `Ask for at most ${MAX_OVERVIEW_FEATURES} features.`)
    .optional(),
});
export type OverviewQuery = z.infer<typeof OverviewQuerySchema>;

/** Query parameters of GET /api/v1/features/{key}/health: whose status it answers. */
export const HealthQuerySchema = strictQuery({ environment: EnvironmentSchema.default('production') });
