// The feature's latest alerts, each linking to the page over its own time range.
import Link from 'next/link';
import { ArrowUpRight, CircleCheck } from 'lucide-react';
import { SeverityBadge } from '@/components/alerts/severity-badge';
import type { AlertRow } from '@/lib/alerts/alert-row';
import { alertTimeRange, featureLink } from '@/lib/alerts/links';
import { formatDuration, formatWhen } from '@/lib/format/time';

export function RecentAlerts({ featureKey, alerts, now }: { featureKey: string; alerts: AlertRow[]; now: number }) {
  const all = `/alerts?feature=${encodeURIComponent(featureKey)}`;
  return (
    <section aria-labelledby="alerts-title" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="alerts-title" className="text-lg font-semibold">
          Recent alerts
        </h2>
        <Link
          href={all}
          className="inline-flex min-h-11 items-center gap-1 text-sm text-accent underline-offset-2 hover:underline"
        >
          All alerts for {featureKey} <ArrowUpRight aria-hidden className="size-4" />
        </Link>
      </div>
      {alerts.length === 0 ? (
        <p className="flex items-center gap-2 rounded-lg border border-border bg-panel p-3 text-sm">
          <CircleCheck aria-hidden className="size-4 text-ok" /> No alerts for this feature yet.
        </p>
      ) : (
        <ul className="flex flex-col divide-y divide-border rounded-lg border border-border bg-panel">
          {alerts.map((a) => (
            <li key={a.id} className="flex flex-col gap-1 p-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <SeverityBadge severity={a.severity} />
                <span className={a.state === 'firing' ? 'font-semibold text-bad' : 'text-muted'}>
                  {a.state === 'firing' ? 'Firing' : 'Resolved'}
                </span>
                <Link
                  href={featureLink(featureKey, alertTimeRange(a))}
                  className="inline-flex min-h-11 items-center gap-1 text-accent underline-offset-2 hover:underline sm:min-h-0"
                >
                  Show its time range <ArrowUpRight aria-hidden className="size-4" />
                </Link>
              </div>
              <p className="break-words">{a.summary}</p>
              <p className="tabular text-xs text-muted">
                Since {formatWhen(a.startedAt, now)}
                {a.resolvedAt ? ` · lasted ${formatDuration(a.resolvedAt.getTime() - a.startedAt.getTime())}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
