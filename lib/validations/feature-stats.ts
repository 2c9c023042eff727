// Query parameters of GET /api/v1/features/{key}/stats: a named range ending now, or from/to.
import { z } from 'zod';
import { DAY_MS, HOUR_MS } from '@/lib/time/units';
import { instant } from './calls-query';
import { EnvironmentSchema } from './environment';

export const STATS_RANGES = { '1h': HOUR_MS, '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS } as const;
export type StatsRange = keyof typeof STATS_RANGES;
export const MAX_STATS_SPAN_MS = 90 * DAY_MS;

export const FeatureStatsQuerySchema = z
  .strictObject(
    {
      range: z
        .enum(Object.keys(STATS_RANGES) as [StatsRange, ...StatsRange[]], { error: 'Use 1h, 24h, 7d or 30d.' })
        .optional(),
      from: instant.optional(),
      to: instant.optional(),
      environment: EnvironmentSchema.default('production'),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}.` : undefined,
    },
  )
  .transform((query, ctx) => {
    if (query.range && (query.from || query.to)) {
      ctx.addIssue({ code: 'custom', path: ['range'], message: 'Give either range or from/to, not both.' });
      return z.NEVER;
    }
    if (query.to && !query.from) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'Give "from" with "to".' });
      return z.NEVER;
    }
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - STATS_RANGES[query.range ?? '24h']);
    if (from >= to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Must be before "to".' });
    else if (to.getTime() - from.getTime() > MAX_STATS_SPAN_MS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'The range spans at most 90 days.' });
    return { from, to, environment: query.environment };
  });

export type FeatureStatsQuery = z.output<typeof FeatureStatsQuerySchema>;
