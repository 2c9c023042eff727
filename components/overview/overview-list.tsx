'use client';

// The overview's features, bounded: every feature with a problem, then a page of the healthy rest,
// narrowed by the search field. Features with a problem come with their hourly series; the shown
// healthy ones have theirs read afterwards, so the first paint never waits for them.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SearchField } from '@/components/ui/search-field';
import { useMediaQuery } from '@/components/ui/use-media-query';
import { formatCount } from '@/lib/format/numbers';
import { visibleRows } from '@/lib/lists/visible-rows';
import type { HourlyPoint, Overview, OverviewFeature } from '@/lib/overview/overview';
import { hasProblem } from '@/lib/status/feature-status';
import { fetchOverview, OVERVIEW_REFRESH_MS } from './fetch-overview';
import { OverviewCards } from './overview-cards';
import { OverviewTable } from './overview-table';

/** Healthy features shown at first, and added per "Show more". */
export const HEALTHY_PAGE = 15;

const textOf = (f: OverviewFeature) => `${f.key} ${f.name ?? ''}`;
const isProblem = (f: OverviewFeature) => hasProblem(f.status);

export function OverviewList({ overview, now }: { overview: Overview; now: number | null }) {
  const [query, setQuery] = useState('');
  // Keys typed in a burst render once: the field answers at once, the list as soon as it can.
  const shownQuery = useDeferredValue(query);
  const [healthyShown, setHealthyShown] = useState(HEALTHY_PAGE);
  const visible = useMemo(
    () => visibleRows(overview.features, { query: shownQuery, textOf, isProblem, restShown: healthyShown }),
    [overview.features, shownQuery, healthyShown],
  );
  // The server renders both layouts (CSS shows one); the browser then keeps only its own.
  const desktop = useMediaQuery('(min-width: 768px)');
  const hourly = useLazyHourly(overview.environment, visible.rows);
  const rows = visible.rows.map((f) => (f.hourly ? f : { ...f, hourly: hourly.get(f.key) ?? null }));
  const shownOverview = { ...overview, features: rows };
  const problems = overview.features.filter(isProblem).length;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <SearchField label="Find a feature" placeholder="Find a feature" value={query} onChange={setQuery} />
        <p className="tabular text-sm text-muted" aria-live="polite">
          {shownQuery
            ? `${formatCount(visible.matching)} of ${formatCount(overview.features.length)} match`
            : `${formatCount(problems)} with a problem · ${formatCount(overview.features.length)} features`}
        </p>
      </div>
      {rows.length ? (
        <>
          {desktop !== false ? <OverviewTable overview={shownOverview} now={now} /> : null}
          {desktop !== true ? <OverviewCards overview={shownOverview} now={now} /> : null}
        </>
      ) : (
        <p className="rounded-md border border-border bg-panel p-4 text-sm text-muted">
          No feature’s key or name contains “{shownQuery}”.
        </p>
      )}
      {visible.hidden > 0 ? (
        <Button
          variant="secondary"
          className="self-center"
          onClick={() => setHealthyShown((n) => n + HEALTHY_PAGE * 2)}
        >
          Show {formatCount(Math.min(visible.hidden, HEALTHY_PAGE * 2))} more of {formatCount(visible.hidden)} healthy
        </Button>
      ) : null}
    </div>
  );
}

/** Hourly series of the shown rows that came without one, read once they are on screen. */
function useLazyHourly(environment: string, rows: readonly OverviewFeature[]): Map<string, HourlyPoint[]> {
  const keys = rows.filter((f) => !f.hourly).map((f) => f.key);
  const query = useQuery({
    queryKey: ['overview-hourly', environment, keys],
    queryFn: ({ signal }) => fetchOverview({ environment, hourly: 'all', features: keys }, signal),
    enabled: keys.length > 0,
    placeholderData: keepPreviousData,
    refetchInterval: OVERVIEW_REFRESH_MS,
  });
  return useMemo(() => new Map((query.data?.features ?? []).map((f) => [f.key, f.hourly ?? []])), [query.data]);
}
