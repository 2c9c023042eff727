// The feature page's view as its URL carries it: ?range=1h|24h|7d|30d, or ?from=…&to=… (ISO-8601,
// UTC without a zone), and ?environment=. A link in an alert opens exactly that view.
import { FeatureStatsQuerySchema, type StatsRange } from '@/lib/validations/feature-stats';

export interface FeatureViewParams {
  range?: StatsRange;
  from?: string;
  to?: string;
  environment?: string;
}

const KEYS = ['range', 'from', 'to', 'environment'] as const;

/** The view's own parameters from the page's search params (others, like utm_*, are ignored). */
export function featureViewParams(search: Record<string, string | string[] | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of KEYS) {
    const value = search[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== '') picked[key] = first;
  }
  return picked;
}

export type ParsedFeatureView =
  | { ok: true; from: Date; to: Date; environment: string; range: StatsRange | 'custom' }
  | { ok: false; errors: string[] };

export function parseFeatureView(params: Record<string, string>): ParsedFeatureView {
  const parsed = FeatureStatsQuerySchema.safeParse(params);
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'URL'}: ${i.message}`) };
  const range = params.from ? 'custom' : ((params.range as StatsRange | undefined) ?? '24h');
  return { ok: true, ...parsed.data, range };
}

/** The page's URL for a view; production and 24h are the defaults and stay out of it. */
export function featureViewHref(featureKey: string, view: FeatureViewParams): string {
  const query = new URLSearchParams();
  if (view.from) {
    query.set('from', view.from);
    if (view.to) query.set('to', view.to);
  } else if (view.range && view.range !== '24h') query.set('range', view.range);
  if (view.environment && view.environment !== 'production') query.set('environment', view.environment);
  const qs = query.toString();
  return `/features/${encodeURIComponent(featureKey)}${qs ? `?${qs}` : ''}`;
}
