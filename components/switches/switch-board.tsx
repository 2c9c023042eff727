'use client';

import { useQuery } from '@tanstack/react-query';
import { CircleAlert, Info } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { fetchJson } from '@/lib/api/fetch-json';
import type { FeatureStatus } from '@/lib/status/feature-status';
import type { SwitchDocument } from '@/lib/switches/document';
import type { RecentTraffic } from '@/lib/switches/recent-traffic';
import { bySeverity } from '@/lib/switches/switch-order';
import { NoFeatures } from './no-features';
import { SwitchList } from './switch-list';
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
        <SwitchList switches={switches} flip={flip} health={health} statuses={statuses} />
      )}
    </section>
  );
}
