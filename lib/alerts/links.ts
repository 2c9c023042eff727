// Where an alert points people: the feature page over the time around it.
import { HOUR_MS, MINUTE_MS } from '@/lib/time/units';

/**
 * An hour of context before the alert started, to its end plus half an hour (or an hour after
 * the start while it still fires), in whole minutes so links stay readable.
 */
export function alertTimeRange(alert: { startedAt: Date; resolvedAt: Date | null }): { from: Date; to: Date } {
  const minute = (ms: number) => new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS);
  const start = alert.startedAt.getTime();
  const end = alert.resolvedAt ? alert.resolvedAt.getTime() + HOUR_MS / 2 : start + HOUR_MS;
  return { from: minute(start - HOUR_MS), to: minute(end + 59_999) };
}

/** `/features/{key}?from=…&to=…` (ISO-8601 UTC), prefixed with `baseUrl` when given. */
export function featureLink(featureKey: string, range: { from: Date; to: Date }, baseUrl = ''): string {
  const query = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() });
  return `${baseUrl}/features/${encodeURIComponent(featureKey)}?${query}`;
}

/** The link every alert message carries: its feature page around the alert's time. */
export function alertLink(
  alert: { feature: string; startedAt: Date; resolvedAt: Date | null },
  baseUrl: string,
): string {
  return featureLink(alert.feature, alertTimeRange(alert), baseUrl);
}
