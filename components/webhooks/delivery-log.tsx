import { CircleCheck, CircleX, Clock, RotateCw, type LucideIcon } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { DeliveryView } from './types';

const STATES: Record<DeliveryView['state'], { icon: LucideIcon; label: string; tone: BadgeTone }> = {
  delivered: { icon: CircleCheck, label: 'Delivered', tone: 'ok' },
  failed: { icon: CircleX, label: 'Failed', tone: 'bad' },
  retrying: { icon: RotateCw, label: 'Retrying', tone: 'warn' },
  pending: { icon: Clock, label: 'Pending', tone: 'neutral' },
};

/** A webhook's recent deliveries: what was sent, and how the receiver answered the last attempt. */
export function DeliveryLog({ deliveries }: { deliveries: DeliveryView[] }) {
  if (!deliveries.length)
    return <p className="text-sm text-muted">No deliveries yet. Alerts that fire or resolve are sent here.</p>;
  return (
    <ul aria-label="Recent deliveries" className="flex flex-col divide-y divide-border rounded-md border border-border">
      {deliveries.map((d) => {
        const state = STATES[d.state];
        return (
          <li key={d.id} className="flex flex-col gap-1 p-3 text-sm">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <Badge tone={state.tone} icon={state.icon}>
                {state.label}
              </Badge>
              <span className="font-medium">
                {d.event} · {d.severity} · {d.feature}
              </span>
            </div>
            <p className="text-xs break-words text-muted">{d.summary}</p>
            <p className="text-xs text-muted tabular">
              Queued {d.created} · {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
              {d.lastStatus !== null ? ` · last answer HTTP ${d.lastStatus}` : ''}
              {d.settled ? ` · ${d.settled}` : ''}
            </p>
            {d.lastError && d.state !== 'delivered' ? (
              <p className="font-mono text-xs break-all text-bad">{d.lastError}</p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
