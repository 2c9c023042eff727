// An availability SLO's good/total buckets from a feature's stats series, for the burn-down chart
// until the SLI queries provide them: good is every successful call, or only the primary route's.
import type { SliBucket } from '@/lib/slo/counts';
import type { FeatureStats } from './feature-stats';

export function availabilityBuckets(stats: FeatureStats, countFallbackAsGood: boolean): SliBucket[] {
  return stats.series
    .filter((p) => p.calls > 0)
    .map((p) => ({
      start: new Date(p.start),
      total: p.calls,
      good: countFallbackAsGood ? p.okCalls : Math.round((p.primaryAvailability ?? 0) * p.calls),
    }));
}
