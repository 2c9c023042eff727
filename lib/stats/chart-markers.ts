// The instants marked on a feature's charts: switch flips (from the audit log) and alert starts.
import type { SwitchHistoryEntry } from '@/lib/switches/history';

export interface ChartMarker {
  /** ms since the epoch. */
  at: number;
  kind: 'flip' | 'alert';
  label: string;
}

/** The line colour of each kind of marker (alerts are dashed too: colour is never the only signal). */
export const MARKER_COLOR: Record<ChartMarker['kind'], string> = { flip: 'var(--color-killed)', alert: 'var(--color-bad)' };

export function chartMarkers(input: {
  flips: SwitchHistoryEntry[];
  alerts: { startedAt: Date; severity: string; summary: string }[];
  from: Date;
  to: Date;
}): ChartMarker[] {
  const inRange = (at: number) => at >= input.from.getTime() && at <= input.to.getTime();
  const flips = input.flips.map((f): ChartMarker => ({
    at: Date.parse(f.at),
    kind: 'flip',
    label: `${f.to.killed ? 'Killed' : 'Restored'} by ${f.by}${f.reason ? `: ${f.reason}` : ''}`,
  }));
  const alerts = input.alerts.map((a): ChartMarker => ({ at: a.startedAt.getTime(), kind: 'alert', label: `${a.severity} alert: ${a.summary}` }));
  return [...flips, ...alerts].filter((m) => inRange(m.at)).sort((a, b) => a.at - b.at);
}
