// The instants marked on a feature's charts: switch flips (from the audit log), alert starts and
// the first call of each release.
import type { SwitchHistoryEntry } from '@/lib/switches/history';

export interface ChartMarker {
  /** ms since the epoch. */
  at: number;
  kind: 'flip' | 'alert' | 'release';
  label: string;
}

/** The line colour of each kind of marker (alerts are dashed too: colour is never the only signal). */
export const MARKER_COLOR: Record<ChartMarker['kind'], string> = {
  flip: 'var(--color-killed)',
  alert: 'var(--color-bad)',
  release: 'var(--color-accent)',
};

/** Alerts are dashed and releases dotted, so the kind never rests on colour alone. */
export const MARKER_DASH: Record<ChartMarker['kind'], string | undefined> = {
  flip: undefined,
  alert: '2 3',
  release: '1 4',
};

export function chartMarkers(input: {
  flips: SwitchHistoryEntry[];
  alerts: { startedAt: Date; severity: string; summary: string }[];
  releases: { release: string; firstSeenAt: Date }[];
  from: Date;
  to: Date;
}): ChartMarker[] {
  const inRange = (at: number) => at >= input.from.getTime() && at <= input.to.getTime();
  const flips = input.flips.map((f): ChartMarker => ({
    at: Date.parse(f.at),
    kind: 'flip',
    label: `${f.to.killed ? 'Killed' : 'Restored'} by ${f.by}${f.reason ? `: ${f.reason}` : ''}`,
  }));
  const alerts = input.alerts.map((a): ChartMarker => ({
    at: a.startedAt.getTime(),
    kind: 'alert',
    label: `${a.severity} alert: ${a.summary}`,
  }));
  const releases = input.releases.map((r): ChartMarker => ({
    at: r.firstSeenAt.getTime(),
    kind: 'release',
    label: `Release ${r.release} first seen`,
  }));
  return [...flips, ...alerts, ...releases].filter((m) => inRange(m.at)).sort((a, b) => a.at - b.at);
}
