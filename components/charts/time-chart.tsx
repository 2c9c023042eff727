'use client';

// What every chart of a time range shares: a numeric UTC time axis over the whole range (so a
// marker can sit at any instant and a gap stays a gap), markers for flips and alerts, a tooltip
// with exact values, and a frame with a title, the figures' units and a legend in words.
import type { ReactNode } from 'react';
import { ReferenceLine, Tooltip, XAxis } from 'recharts';
import { formatUtc, formatUtcTime } from '@/lib/format/time';
import { MARKER_COLOR, MARKER_DASH, type ChartMarker } from '@/lib/stats/chart-markers';
import { DAY_MS, MINUTE_MS } from '@/lib/time/units';

export type { ChartMarker };

export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
}

const TICK_STEPS = [5, 15, 30, 60, 180, 360, 720, 1_440, 2 * 1_440, 7 * 1_440].map((m) => m * MINUTE_MS);

/** At most `max` ticks on round UTC times. */
export function timeTicks(from: number, to: number, max = 5): number[] {
  const step = TICK_STEPS.find((s) => (to - from) / s <= max) ?? TICK_STEPS[TICK_STEPS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

const tickLabel = (spanMs: number) => (t: number) =>
  spanMs > 2 * DAY_MS ? formatUtc(new Date(t)).replace(/, .*/, '') : formatUtcTime(new Date(t)).replace(' UTC', '');

/** The x axis of every chart: the whole range, round UTC ticks. Call as a function inside the chart. */
export function timeAxis(domain: [number, number]) {
  return (
    <XAxis
      dataKey="t"
      type="number"
      scale="time"
      domain={domain}
      ticks={timeTicks(domain[0], domain[1])}
      tickFormatter={tickLabel(domain[1] - domain[0])}
      tick={{ fontSize: 11, fill: 'var(--color-muted)' }}
      stroke="var(--color-border)"
      allowDataOverflow
    />
  );
}

/** Vertical lines at switch flips, alert starts and releases inside the range. */
export function markerLines(markers: ChartMarker[], yAxisId?: string) {
  return markers.map((m, i) => (
    <ReferenceLine
      key={`${m.kind}-${m.at}-${i}`}
      x={m.at}
      yAxisId={yAxisId}
      className={`chart-marker chart-marker-${m.kind}`}
      stroke={MARKER_COLOR[m.kind]}
      strokeDasharray={MARKER_DASH[m.kind]}
      strokeWidth={1.5}
      ifOverflow="hidden"
    />
  ));
}

/** Colours that tell a chart's threshold lines apart (dashed, in the legend by name). */
const THRESHOLD_COLORS = ['var(--color-text)', '#b45309', '#6d28d9', '#0e7490'];

export interface Threshold {
  y: number;
  label: string;
}

/**
 * Horizontal dashed lines for objectives, thresholds or budgets, and their legend entries. They are
 * named in the legend, not on the chart, where labels overlapped each other and the data on a phone.
 */
export function thresholdLines(thresholds: readonly Threshold[], yAxisId?: string) {
  const colored = thresholds.map((t, i) => ({ ...t, color: THRESHOLD_COLORS[i % THRESHOLD_COLORS.length] }));
  return {
    legend: colored.map((t): LegendItem => ({ label: t.label, color: t.color, dashed: true })),
    lines: colored.map((t) => (
      <ReferenceLine
        key={`threshold-${t.label}`}
        y={t.y}
        yAxisId={yAxisId}
        stroke={t.color}
        strokeDasharray="6 4"
        strokeWidth={1.5}
        ifOverflow="extendDomain"
      />
    )),
  };
}

/** The tooltip: the bucket's time and each series' exact value in its unit. */
export function timeTooltip(format: (value: number, name: string) => string) {
  return (
    <Tooltip
      isAnimationActive={false}
      labelFormatter={(t) => formatUtc(new Date(Number(t)))}
      formatter={(value, name) => (value === null || value === undefined ? '–' : format(Number(value), String(name)))}
      contentStyle={{ background: 'var(--color-panel)', border: '1px solid var(--color-border)', fontSize: 12 }}
      labelStyle={{ color: 'var(--color-muted)' }}
    />
  );
}

/** The props every time chart's container shares: it fills its frame, with room for the axis labels. */
export const TIME_CHART_PROPS = {
  responsive: true,
  style: { width: '100%', height: '100%' },
  margin: { top: 8, right: 8, bottom: 0, left: 0 },
} as const;

export const axisProps = {
  tick: { fontSize: 11, fill: 'var(--color-muted)' },
  stroke: 'var(--color-border)',
  width: 56,
} as const;

/** A chart with its title, what it shows in words (for screen readers) and a legend. */
export function ChartFrame({
  title,
  description,
  legend,
  children,
  height = 200,
}: {
  title: string;
  description: string;
  legend: LegendItem[];
  children: ReactNode;
  height?: number;
}) {
  return (
    <figure className="flex min-w-0 flex-col gap-2 rounded-lg border border-border bg-panel p-3" aria-label={title}>
      <figcaption className="flex flex-col gap-1">
        <h3 className="text-sm font-semibold">{title}</h3>
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted" aria-label={`${title}: legend`}>
          {legend.map((item) => (
            <li key={item.label} className="inline-flex items-center gap-1.5">
              <span
                aria-hidden
                className="inline-block w-4"
                style={{ borderTop: `${item.dashed ? '2px dashed' : '3px solid'} ${item.color}` }}
              />
              {item.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <div role="img" aria-label={description} style={{ height }} className="w-full">
        {children}
      </div>
    </figure>
  );
}
