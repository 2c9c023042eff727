'use client';

// The overview as it stays on screen: server data first, then refetched every 10 s, with when it
// was last updated and a warning when a refresh failed (so old numbers never pass for new ones).
import { useQuery } from '@tanstack/react-query';
import { CloudOff } from 'lucide-react';
import type { LiveOverview } from '@/lib/overview/overview';
import { useNow } from '@/components/ui/use-now';
import { formatRelative, formatUtcTime } from '@/lib/format/time';
import { EnvironmentPicker } from './environment-picker';
import { FirstCallGuide } from './first-call-guide';
import { fetchOverview, OVERVIEW_REFRESH_MS } from './fetch-overview';
import { OverviewList } from './overview-list';
import { ReplicaLagNotice } from './replica-lag-notice';

export function OverviewLive({ initial, origin }: { initial: LiveOverview; origin: string }) {
  const { environment } = initial;
  const query = useQuery({
    queryKey: ['overview', environment],
    queryFn: ({ signal }) => fetchOverview({ environment }, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.to),
    refetchInterval: OVERVIEW_REFRESH_MS,
  });
  const now = useNow();
  const overview = query.data;
  const updatedAt = query.dataUpdatedAt;
  const hasTraffic = overview.features.some((f) => f.calls > 0);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="tabular text-sm text-muted" aria-live="off">
          Updated {formatUtcTime(new Date(updatedAt), true)}
          {now !== null ? ` · ${formatRelative(updatedAt, now, { seconds: true })}` : ''}
        </p>
        <EnvironmentPicker current={environment} environments={overview.environments} />
      </div>
      {query.isRefetchError ? (
        <div
          role="alert"
          className="flex items-start gap-2 rounded-md border border-warn bg-warn-bg p-3 text-sm text-warn"
        >
          <CloudOff aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            <strong>Stale data.</strong> The last refresh failed ({query.error.message}). These figures are from{' '}
            {formatUtcTime(new Date(updatedAt))}; retrying every {OVERVIEW_REFRESH_MS / 1000} s.
          </span>
        </div>
      ) : null}
      <ReplicaLagNotice replica={overview.replica} />
      {!hasTraffic ? (
        <FirstCallGuide origin={origin} environment={environment} hasFeatures={overview.features.length > 0} />
      ) : null}
      {overview.features.length > 0 ? <OverviewList overview={overview} now={now} /> : null}
    </div>
  );
}
