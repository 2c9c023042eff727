'use client';

// The calls list for the filters in the URL: pages loaded with the API's cursor ("Load more"),
// the selected call's detail as `?call=<id>`, and exports of the same filters.
import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Download, SearchX } from 'lucide-react';
import { buttonClass } from '@/components/ui/button';
import { useNow } from '@/components/ui/use-now';
import { fetchJson } from '@/lib/api/fetch-json';
import { CallDetail } from './call-detail';
import { CallsCards } from './calls-cards';
import { CallsTable } from './calls-table';
import { apiCallsUrl, callsHref, type CallsPage, type FilterValues } from './types';

interface Props {
  filters: FilterValues;
  selected: string | null;
  /** "Nov 26, 10:00 UTC → now · production": the range every number here covers. */
  windowText: string;
  /** Where "Last 7 days" starts, for the empty state (computed once on the server). */
  weekAgo: string;
  /** Days raw calls are kept, for the message of a call that is gone. */
  retentionDays: number;
}

export function CallsExplorer({ filters, selected, windowText, weekAgo, retentionDays }: Props) {
  const router = useRouter();
  const now = useNow();
  const query = useInfiniteQuery({
    queryKey: ['calls', filters],
    queryFn: ({ pageParam, signal }) =>
      fetchJson<CallsPage>(apiCallsUrl(filters, pageParam ? { cursor: pageParam } : {}), { signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchOnWindowFocus: false,
    staleTime: 60_000,
  });
  const calls = query.data?.pages.flatMap((p) => p.calls) ?? [];
  const hrefOf = (id: string) => callsHref(filters, { call: id });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="tabular text-sm text-muted">
          {query.isSuccess ? `${calls.length}${query.hasNextPage ? '+' : ''} calls` : 'Calls'} · {windowText}
        </p>
        <div className="flex gap-2">
          <a href={apiCallsUrl(filters, { format: 'csv' })} className={buttonClass('secondary')} download>
            <Download aria-hidden className="size-4" />
            CSV
          </a>
          <a href={apiCallsUrl(filters, { format: 'ndjson' })} className={buttonClass('secondary')} download>
            <Download aria-hidden className="size-4" />
            NDJSON
          </a>
        </div>
      </div>
      {query.isPending ? <CallsSkeleton /> : null}
      {query.isError && calls.length === 0 ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-3 rounded-md border border-bad bg-bad-bg p-3 text-sm text-bad"
        >
          <span>The calls could not be loaded: {query.error.message}</span>
          <button type="button" onClick={() => query.refetch()} className={buttonClass('secondary')}>
            Try again
          </button>
        </div>
      ) : null}
      {query.isSuccess && calls.length === 0 ? (
        <NoCalls filters={filters} windowText={windowText} weekAgo={weekAgo} />
      ) : null}
      {calls.length > 0 ? (
        <>
          <CallsTable calls={calls} now={now} hrefOf={hrefOf} />
          <CallsCards calls={calls} now={now} hrefOf={hrefOf} />
        </>
      ) : null}
      {query.isFetchNextPageError ? (
        <p role="alert" className="text-sm text-bad">
          Loading more failed: {query.error?.message}
        </p>
      ) : null}
      {query.hasNextPage ? (
        <button
          type="button"
          onClick={() => query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          className={buttonClass('secondary', 'self-center')}
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
      <CallDetail
        id={selected}
        now={now}
        retentionDays={retentionDays}
        onClose={() => router.push(callsHref(filters), { scroll: false })}
      />
    </div>
  );
}

function NoCalls({ filters, windowText, weekAgo }: { filters: FilterValues; windowText: string; weekAgo: string }) {
  const set = Object.keys(filters).filter((k) => !['from', 'to'].includes(k));
  const wider = { ...filters, from: weekAgo, to: '' };
  return (
    <div className="flex flex-col items-start gap-2 rounded-lg border border-border bg-panel p-4 text-sm">
      <p className="flex items-center gap-2 font-semibold">
        <SearchX aria-hidden className="size-4" />
        No calls match these filters ({windowText}).
      </p>
      <p className="text-muted">
        {set.length
          ? `Filters set: ${set.join(', ')}. Remove some, or widen the time range.`
          : 'Widen the time range, or check the environment.'}{' '}
        Calls arrive from the SDK or <code>POST /api/v1/calls</code>.
      </p>
      <div className="flex flex-wrap gap-2">
        <Link href={callsHref(wider)} className={buttonClass('secondary')}>
          Last 7 days
        </Link>
        {set.length ? (
          <Link href="/calls" className={buttonClass('ghost')}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </div>
  );
}

function CallsSkeleton() {
  return (
    <div aria-label="Loading calls" className="flex flex-col gap-2">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-14 animate-pulse rounded-md bg-panel" />
      ))}
    </div>
  );
}
