// GET /api/v1/overview from the browser, with errors worded for the stale-data banner.
import type { HourlySeries, LiveOverview } from '@/lib/overview/overview';

/** How often the overview's figures are read again. */
export const OVERVIEW_REFRESH_MS = 10_000;

export async function fetchOverview(
  params: { environment: string; hourly?: HourlySeries; features?: readonly string[] },
  signal: AbortSignal,
): Promise<LiveOverview> {
  const query = new URLSearchParams({ environment: params.environment });
  if (params.hourly) query.set('hourly', params.hourly);
  if (params.features) query.set('features', params.features.join(','));
  const res = await fetch(`/api/v1/overview?${query}`, { signal, cache: 'no-store' }).catch(() => {
    throw new Error('the server could not be reached');
  });
  if (res.status === 401) throw new Error('your session has ended; sign in again');
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message?.replace(/\.$/, '') ?? `the server answered ${res.status}`);
  }
  return res.json();
}
