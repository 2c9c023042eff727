import Link from 'next/link';
import { ArrowUpRight, CircleCheck, UserCheck } from 'lucide-react';
import type { ActionResult } from '@/lib/actions';
import { AckButton } from './ack-button';
import { AlertValues } from './alert-values';
import { SeverityBadge } from './severity-badge';
import type { AlertView } from './types';

/** Firing alerts, worst first: what is wrong, when it was opened, who is on it, and where to look. */
export function FiringAlerts({
  alerts,
  acknowledge,
}: {
  alerts: AlertView[];
  /** Absent for viewers: they see who acknowledged, but cannot. */
  acknowledge?: (input: unknown) => Promise<ActionResult<{ acknowledgedBy: string | null }>>;
}) {
  if (!alerts.length) {
    return (
      <p role="status" className="flex items-center gap-2 rounded-lg border border-border bg-panel p-4 text-sm">
        <CircleCheck aria-hidden className="size-5 text-ok" /> Nothing is firing.
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-3">
      {alerts.map((a) => (
        <li
          key={a.id}
          aria-label={`${a.severity} alert on ${a.feature}`}
          className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-4 sm:flex-row sm:items-start"
        >
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <SeverityBadge severity={a.severity} />
              <Link
                href={a.link}
                className="inline-flex min-h-11 items-center gap-1 font-semibold break-all underline-offset-2 hover:underline sm:min-h-0"
              >
                {a.feature}
                <ArrowUpRight aria-hidden className="size-4" />
              </Link>
              <span className="text-xs text-muted">{a.kind}</span>
            </div>
            <p className="text-sm break-words">{a.summary}</p>
            <p className="text-xs text-muted tabular">Opened {a.opened}</p>
            <AlertValues values={a.values} />
          </div>
          <div className="flex flex-col gap-2 sm:w-56 sm:shrink-0">
            {a.acknowledgedBy ? (
              <p className="flex items-start gap-1.5 text-sm">
                <UserCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-ok" />
                <span>
                  Acknowledged by <strong className="break-all">{a.acknowledgedBy}</strong>
                  <span className="block text-xs text-muted tabular">{a.acknowledged}</span>
                </span>
              </p>
            ) : acknowledge ? (
              <AckButton id={a.id} acknowledge={acknowledge} />
            ) : (
              <p className="text-sm text-muted">Not acknowledged yet.</p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
