'use client';

import { useQuery } from '@tanstack/react-query';
import { CircleAlert, Info } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { StatusBadge } from '@/components/overview/status-badge';
import { Button } from '@/components/ui/button';
import { SearchField } from '@/components/ui/search-field';
import { formatCount } from '@/lib/format/numbers';
import { visibleRows } from '@/lib/lists/visible-rows';
import { FEATURE_STATUSES, hasProblem, statusRank, type FeatureStatus } from '@/lib/status/feature-status';
import type { RecentTraffic } from '@/lib/switches/recent-traffic';
import { fetchJson } from '@/lib/api/fetch-json';
import type { SwitchDocument, SwitchState } from '@/lib/switches/document';
import { NoFeatures } from './no-features';
import { SwitchCard } from './switch-card';
import { SwitchHealth } from './switch-health';
import type { FlipAction } from './types';
import { When } from './when';

/** Often enough that two responders see each other's flips at once; each poll is a 304 when nothing changed. */
const POLL_MS = 4_000;
/** The last hour's figures are re-read with the page (server data) this often. */
const HEALTH_REFRESH_MS = 30_000;

interface Props {
  initial: SwitchDocument;
  initialAt: number;
  /** Null for viewers. */
  flip: FlipAction | null;
  /** Each feature's last hour in production. */
  health: Record<string, RecentTraffic>;
  /** Each feature's status in production as the page was read (the overview's). */
  statuses: Record<string, FeatureStatus>;
}

/** Switches shown at first, and added per "Show more", besides every killed or troubled one. */
const PAGE = 24;

/**
 * The status to show beside a switch as it is now: killed when it is; a status read while it was
 * killed says nothing of the feature once restored, so none until the page is read again.
 */
function statusOf(state: SwitchState, statuses: Record<string, FeatureStatus>): FeatureStatus | null {
  if (state.killed) return 'killed';
  const status = statuses[state.feature];
  return status === 'killed' ? null : (status ?? null);
}

/** Worst first: killed, then by the overview's status, the highest error rate over the last hour, the busiest. */
function bySeverity(health: Record<string, RecentTraffic>, statuses: Record<string, FeatureStatus>) {
  const rank = (s: SwitchState) => {
    const status = statusOf(s, statuses);
    return status ? statusRank(status) : FEATURE_STATUSES.length;
  };
  return (a: SwitchState, b: SwitchState) =>
    Number(b.killed) - Number(a.killed) ||
    rank(a) - rank(b) ||
    (health[b.feature]?.errorRate ?? -1) - (health[a.feature]?.errorRate ?? -1) ||
    (health[b.feature]?.calls ?? 0) - (health[a.feature]?.calls ?? 0) ||
    a.feature.localeCompare(b.feature);
}

/** Every feature's switch and last hour, worst first, kept current by polling. */
export function SwitchBoard({ initial, initialAt, flip, health, statuses }: Props) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), HEALTH_REFRESH_MS);
    return () => clearInterval(timer);
  }, [router]);
  const query = useQuery({
    queryKey: ['switches'],
    queryFn: () => fetchJson<SwitchDocument>('/api/v1/switches'),
    initialData: initial,
    initialDataUpdatedAt: initialAt,
    refetchInterval: POLL_MS,
  });
  const switches = [...query.data.switches].sort(bySeverity(health, statuses));
  const killed = switches.filter((s) => s.killed).length;
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(PAGE);
  const isProblem = (s: SwitchState) => {
    const status = statusOf(s, statuses);
    return status !== null && hasProblem(status);
  };
  const visible = visibleRows(switches, { query: search, textOf: (s) => s.feature, isProblem, restShown: shown });

  return (
    <section className="flex flex-col gap-4">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">Switches</h1>
        {switches.length > 0 ? (
          <p className="text-sm text-muted" aria-live="polite">
            <span className={killed ? 'font-semibold text-killed' : ''}>{killed} killed</span> ·{' '}
            {switches.length - killed} live · updated <When iso={new Date(query.dataUpdatedAt).toISOString()} seconds />
            <span className="block">Calls, errors and p95 over the last hour in production; worst first.</span>
          </p>
        ) : null}
      </header>
      {query.isError ? (
        <p role="alert" className="flex items-start gap-2 rounded-md bg-warn-bg p-3 text-sm text-warn">
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            Could not refresh: {query.error.message} The states below are from the last successful refresh; retrying
            every {POLL_MS / 1000} s.
          </span>
        </p>
      ) : null}
      {!flip && switches.length > 0 ? (
        <p className="flex items-start gap-2 rounded-md border border-border bg-panel p-3 text-sm text-muted">
          <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
          Responders and admins can flip switches. You can see them as a viewer.
        </p>
      ) : null}
      {switches.length === 0 ? (
        <NoFeatures />
      ) : (
        <>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
            <SearchField label="Find a switch" placeholder="Find a switch" value={search} onChange={setSearch} />
            {search ? (
              <p className="tabular text-sm text-muted" aria-live="polite">
                {formatCount(visible.matching)} of {formatCount(switches.length)} match
              </p>
            ) : null}
          </div>
          {visible.rows.length === 0 ? (
            <p className="rounded-md border border-border bg-panel p-4 text-sm text-muted">
              No feature’s key contains “{search}”.
            </p>
          ) : null}
          <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" aria-label="Kill switches">
            {visible.rows.map((s) => {
              const status = statusOf(s, statuses);
              return (
                <SwitchCard
                  key={s.feature}
                  state={s}
                  flip={flip}
                  href={`/features/${encodeURIComponent(s.feature)}`}
                  health={
                    <>
                      {status && status !== 'killed' ? (
                        <p className="flex items-center gap-2 text-xs text-muted">
                          <StatusBadge status={status} /> now
                        </p>
                      ) : null}
                      <SwitchHealth traffic={health[s.feature]} />
                    </>
                  }
                />
              );
            })}
          </ul>
          {visible.hidden > 0 ? (
            <Button variant="secondary" className="self-center" onClick={() => setShown((n) => n + PAGE * 2)}>
              Show {formatCount(Math.min(visible.hidden, PAGE * 2))} more of {formatCount(visible.hidden)}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}
