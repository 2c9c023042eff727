'use client';

// Latency percentiles per bucket with each latency SLO's threshold as a line; no calls, no point.
import { ComposedChart, Line, YAxis } from 'recharts';
import { formatLatencyEstimate } from '@/lib/format/numbers';
import { axisLatency } from './axis-format';
import {
  axisProps,
  ChartFrame,
  markerLines,
  thresholdLines,
  timeAxis,
  timeTooltip,
  type ChartMarker,
  TIME_CHART_PROPS,
} from './time-chart';

export interface LatencyPoint {
  t: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  ttftP95: number | null;
}

export interface LatencyThreshold {
  label: string;
  thresholdMs: number;
}

const LINES = [
  { key: 'p50', label: 'p50', color: '#0891b2' },
  { key: 'p95', label: 'p95', color: 'var(--color-accent)' },
  { key: 'p99', label: 'p99', color: '#d97706' },
] as const;

export function LatencyChart(props: {
  data: LatencyPoint[];
  domain: [number, number];
  markers: ChartMarker[];
  thresholds: LatencyThreshold[];
  showTtft: boolean;
  description: string;
}) {
  const { data, domain, markers, thresholds, showTtft } = props;
  const thresholdMarks = thresholdLines(thresholds.map((t) => ({ y: t.thresholdMs, label: t.label })));
  const lines = showTtft ? [...LINES, { key: 'ttftP95', label: 'TTFT p95', color: '#7c3aed' } as const] : LINES;
  return (
    <ChartFrame
      title="Latency"
      description={props.description}
      legend={[...lines.map((l) => ({ label: l.label, color: l.color })), ...thresholdMarks.legend]}
    >
      <ComposedChart data={data} {...TIME_CHART_PROPS}>
        {timeAxis(domain)}
        <YAxis {...axisProps} tickFormatter={axisLatency} />
        {timeTooltip((v) => formatLatencyEstimate(v))}
        {lines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            name={l.label}
            stroke={l.color}
            strokeWidth={l.key === 'p95' ? 2 : 1.5}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
        {thresholdMarks.lines}
        {markerLines(markers)}
      </ComposedChart>
    </ChartFrame>
  );
}
