import Link from 'next/link';
import { AlertValues } from './alert-values';
import { SeverityBadge } from './severity-badge';
import type { AlertView } from './types';

/** Resolved alerts, newest first, with when they were opened and resolved and how long they were open. */
export function AlertHistory({ alerts }: { alerts: AlertView[] }) {
  if (!alerts.length) return <p className="text-sm text-muted">No resolved alerts match these filters.</p>;
  return (
    <ul className="flex flex-col divide-y divide-border rounded-lg border border-border bg-panel">
      {alerts.map((a) => (
        <li key={a.id} className="flex flex-col gap-1.5 p-3 sm:p-4">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <SeverityBadge severity={a.severity} />
            <Link
              href={a.link}
              className="inline-flex min-h-11 items-center font-semibold break-all underline-offset-2 hover:underline sm:min-h-0"
            >
              {a.feature}
            </Link>
            <span className="text-xs text-muted">{a.kind}</span>
          </div>
          <p className="text-sm break-words">{a.summary}</p>
          <p className="text-xs text-muted tabular">
            Opened {a.opened} → resolved {a.ended} · open for {a.duration}
            {a.acknowledgedBy ? ` · acknowledged by ${a.acknowledgedBy}` : ''}
          </p>
          <AlertValues values={a.values} />
        </li>
      ))}
    </ul>
  );
}
