'use client';

// Calls per bucket, stacked: the ones that succeeded and the errors by type.
import { ComposedChart, YAxis } from 'recharts';
import { BucketBars } from './bucket-bars';
import { formatCount } from '@/lib/format/numbers';
import {
  axisProps,
  ChartFrame,
  markerLines,
  timeAxis,
  timeTooltip,
  type ChartMarker,
  TIME_CHART_PROPS,
} from './time-chart';

export const ERROR_SERIES = [
  { key: 'timeout', label: 'timeout', color: '#d97706' },
  { key: 'rate_limit', label: 'rate limit', color: '#db2777' },
  { key: 'server_error', label: 'server error', color: '#dc2626' },
  { key: 'network', label: 'network', color: '#7c3aed' },
  { key: 'content_filter', label: 'content filter', color: '#0891b2' },
  { key: 'other', label: 'other error', color: '#6b7280' },
] as const;

export type RequestsPoint = { t: number; ok: number } & Record<(typeof ERROR_SERIES)[number]['key'], number>;

export function RequestsChart({
  data,
  domain,
  stepMs,
  markers,
  description,
}: {
  data: RequestsPoint[];
  domain: [number, number];
  stepMs: number;
  markers: ChartMarker[];
  description: string;
}) {
  const present = ERROR_SERIES.filter((s) => data.some((p) => p[s.key] > 0));
  return (
    <ChartFrame
      title="Requests and errors"
      description={description}
      legend={[
        { label: 'succeeded', color: 'var(--color-accent)' },
        ...present.map((s) => ({ label: s.label, color: s.color })),
      ]}
    >
      <ComposedChart data={data} {...TIME_CHART_PROPS}>
        {timeAxis(domain)}
        <YAxis {...axisProps} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
        {timeTooltip((v) => `${formatCount(v)} calls`)}
        <BucketBars
          stepMs={stepMs}
          domain={domain}
          bars={[
            { dataKey: 'ok', name: 'succeeded', stackId: 'calls', fill: 'var(--color-accent)', fillOpacity: 0.55 },
            ...present.map((s) => ({ dataKey: s.key, name: s.label, stackId: 'calls', fill: s.color })),
          ]}
        />
        {markerLines(markers)}
      </ComposedChart>
    </ChartFrame>
  );
}
