// Calls and errors per hour as a small chart, drawn as one plain SVG (no chart library: the
// overview shows hundreds of them). Presentational: takes `data`, nothing else. Errors get their
// own scale (a few errors would be invisible next to hundreds of calls), floored at a fifth of the
// peak call count so that one stray error stays a small bar. Hovering shows the description; the
// feature page has the hour-by-hour charts.
import { formatCount } from '@/lib/format/numbers';
import { formatUtcTime } from '@/lib/format/time';

export interface SparkPoint {
  start: string;
  calls: number;
  errors: number;
}

/** Drawing units per hour; the SVG stretches to its box. */
const STEP = 10;

export function Sparkline({ data, label, height = 32 }: { data: SparkPoint[]; label: string; height?: number }) {
  const width = Math.max(1, data.length) * STEP;
  const maxCalls = Math.max(1, ...data.map((p) => p.calls));
  const maxErrors = Math.max(0, ...data.map((p) => p.errors));
  const errorScale = Math.max(maxErrors * 1.5, maxCalls * 0.2, 1);
  const top = 2;
  const callY = (calls: number) => height - 1 - (calls / maxCalls) * (height - 1 - top);
  const line = data.map((p, i) => `${i === 0 ? 'M' : 'L'}${i * STEP + STEP / 2},${callY(p.calls).toFixed(1)}`).join('');
  const area = data.length ? `${line}L${width - STEP / 2},${height}L${STEP / 2},${height}Z` : '';
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      className="block w-full"
      style={{ height }}
    >
      <title>{label}</title>
      <path d={area} fill="var(--color-accent)" fillOpacity={0.12} stroke="none" />
      <path d={line} fill="none" stroke="var(--color-accent)" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
      {data.map((p, i) => {
        if (p.errors === 0) return null;
        const barHeight = (p.errors / errorScale) * (height - top);
        return (
          <rect
            key={p.start}
            x={i * STEP + 1}
            y={height - barHeight}
            width={STEP - 2}
            height={barHeight}
            fill="var(--color-bad)"
          />
        );
      })}
    </svg>
  );
}

/** The chart's key, for a column header or caption. */
export function SparklineLegend() {
  return (
    <span className="inline-flex items-center gap-2 whitespace-nowrap">
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="inline-block h-0.5 w-3 bg-accent" />
        calls
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="inline-block h-2 w-1.5 bg-bad" />
        errors
      </span>
      <span>per hour</span>
    </span>
  );
}

/** A sentence for screen readers: what the chart shows. */
export function describeSparkline(data: SparkPoint[]): string {
  if (!data.length) return 'No data.';
  const peak = data.reduce((a, b) => (b.calls > a.calls ? b : a));
  const errors = data.reduce((n, p) => n + p.errors, 0);
  const errorHours = data.filter((p) => p.errors > 0).length;
  return `Calls per hour: peak ${formatCount(peak.calls)} at ${formatUtcTime(peak.start)}; ${formatCount(errors)} errors in ${errorHours} of ${data.length} hours.`;
}
