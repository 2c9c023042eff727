'use client';

// Which route answered, as a share of each bucket's calls: primary, fallback, cache, rule, killed.
import { Area, ComposedChart, YAxis } from 'recharts';
import { formatPercent } from '@/lib/format/numbers';
import { axisPercent } from './axis-format';
import {
  axisProps,
  ChartFrame,
  markerLines,
  timeAxis,
  timeTooltip,
  type ChartMarker,
  TIME_CHART_PROPS,
} from './time-chart';

export const ROUTE_SERIES = [
  { key: 'primary', label: 'primary', color: 'var(--color-accent)' },
  { key: 'fallback', label: 'fallback', color: '#d97706' },
  { key: 'cache', label: 'cache', color: '#0891b2' },
  { key: 'rule', label: 'rule', color: '#6b7280' },
  { key: 'killed', label: 'killed', color: 'var(--color-killed)' },
] as const;

export type RoutePoint = { t: number } & Record<(typeof ROUTE_SERIES)[number]['key'], number | null>;

export function RouteShareChart({
  data,
  domain,
  markers,
  description,
}: {
  data: RoutePoint[];
  domain: [number, number];
  markers: ChartMarker[];
  description: string;
}) {
  return (
    <ChartFrame
      title="Route share"
      description={description}
      legend={ROUTE_SERIES.map((r) => ({ label: r.label, color: r.color }))}
    >
      <ComposedChart data={data} {...TIME_CHART_PROPS}>
        {timeAxis(domain)}
        <YAxis {...axisProps} domain={[0, 1]} ticks={[0, 0.5, 1]} tickFormatter={axisPercent} />
        {timeTooltip((v) => formatPercent(v))}
        {ROUTE_SERIES.map((r) => (
          <Area
            key={r.key}
            dataKey={r.key}
            name={r.label}
            stackId="routes"
            type="stepAfter"
            stroke={r.color}
            fill={r.color}
            fillOpacity={0.6}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
        {markerLines(markers)}
      </ComposedChart>
    </ChartFrame>
  );
}
