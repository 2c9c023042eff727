'use client';

// Shares between 0 and 1 over time (availability, mean score), with objective lines and optional
// points (eval runs' pass rates). The y axis starts just below the lowest value or objective, so
// 99.9% and 99.5% stay apart.
import { ComposedChart, Line, Scatter, YAxis } from 'recharts';
import { formatPercent } from '@/lib/format/numbers';
import { axisPercent } from './axis-format';
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

export interface RatioLine {
  key: string;
  label: string;
  color: string;
}

export interface RatioThreshold {
  label: string;
  y: number;
}

export function ratioFloor(values: (number | null)[], thresholds: number[]): number {
  const lowest = Math.min(1, ...values.filter((v): v is number => v !== null), ...thresholds);
  return Math.max(0, Math.floor((lowest - (1 - lowest) * 0.5 - 0.001) * 100) / 100);
}

export function RatioChart(props: {
  title: string;
  description: string;
  data: ({ t: number } & Record<string, number | null>)[];
  lines: RatioLine[];
  points?: { label: string; color: string; data: { t: number; value: number }[] };
  domain: [number, number];
  markers: ChartMarker[];
  thresholds: RatioThreshold[];
  /** Exact values (tooltip); default a percentage. */
  format?: (v: number) => string;
  /** Tick labels; default a short percentage. */
  axisFormat?: (v: number) => string;
}) {
  const { data, lines, points, thresholds, domain, markers } = props;
  const format = props.format ?? formatPercent;
  const floor = ratioFloor(
    [...data.flatMap((p) => lines.map((l) => p[l.key] ?? null)), ...(points?.data.map((p) => p.value) ?? [])],
    thresholds.map((t) => t.y),
  );
  const thresholdMarks = thresholdLines(thresholds);
  return (
    <ChartFrame
      title={props.title}
      description={props.description}
      legend={[
        ...lines.map((l) => ({ label: l.label, color: l.color })),
        ...(points ? [{ label: points.label, color: points.color }] : []),
        ...thresholdMarks.legend,
      ]}
    >
      <ComposedChart data={data} {...TIME_CHART_PROPS}>
        {timeAxis(domain)}
        <YAxis {...axisProps} domain={[floor, 1]} tickFormatter={props.axisFormat ?? axisPercent} allowDataOverflow />
        {timeTooltip((v) => format(v))}
        {lines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            name={l.label}
            stroke={l.color}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
        {points ? (
          <Scatter
            data={points.data}
            dataKey="value"
            name={points.label}
            fill={points.color}
            isAnimationActive={false}
          />
        ) : null}
        {thresholdMarks.lines}
        {markerLines(markers)}
      </ComposedChart>
    </ChartFrame>
  );
}
