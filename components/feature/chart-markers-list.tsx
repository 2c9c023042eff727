// The markers of the charts in words, with exact times: what the lines on the charts are.
import { MARKER_COLOR, type ChartMarker } from '@/lib/stats/chart-markers';
import { formatUtcDateTime } from '@/lib/format/time';

export function ChartMarkersList({ markers }: { markers: ChartMarker[] }) {
  if (markers.length === 0)
    return <p className="text-xs text-muted">No switch flips, alerts or new releases in this range.</p>;
  return (
    <details className="text-sm">
      <summary className="flex min-h-11 cursor-pointer items-center gap-3 text-muted">
        <span>
          Markers: <Swatch kind="flip" /> switch flip · <Swatch kind="alert" /> alert start · <Swatch kind="release" />{' '}
          new release ({markers.length} in this range)
        </span>
      </summary>
      <ol className="mt-1 flex flex-col gap-1">
        {markers.map((m, i) => (
          <li key={`${m.at}-${i}`} className="flex gap-2">
            <Swatch kind={m.kind} />
            <span className="tabular shrink-0 text-muted">{formatUtcDateTime(new Date(m.at))}</span>
            <span className="break-words">{m.label}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

const BORDER_STYLE: Record<ChartMarker['kind'], string> = { flip: 'solid', alert: 'dashed', release: 'dotted' };

function Swatch({ kind }: { kind: ChartMarker['kind'] }) {
  return (
    <span
      aria-hidden
      className="inline-block h-3 w-0 align-middle"
      style={{ borderLeft: `2px ${BORDER_STYLE[kind]} ${MARKER_COLOR[kind]}` }}
    />
  );
}
