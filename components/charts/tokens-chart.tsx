'use client';

// Input and output tokens per bucket, stacked.
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

export interface TokensPoint {
  t: number;
  input: number;
  output: number;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function TokensChart({
  data,
  domain,
  stepMs,
  markers,
  description,
}: {
  data: TokensPoint[];
  domain: [number, number];
  stepMs: number;
  markers: ChartMarker[];
  description: string;
}) {
  return (
    <ChartFrame
      title="Tokens"
      description={description}
      legend={[
        { label: 'input', color: '#0891b2' },
        { label: 'output', color: '#7c3aed' },
      ]}
    >
      <ComposedChart data={data} {...TIME_CHART_PROPS}>
        {timeAxis(domain)}
        <YAxis {...axisProps} tickFormatter={(v: number) => compact.format(v)} />
        {timeTooltip((v) => `${formatCount(v)} tokens`)}
        <BucketBars
          stepMs={stepMs}
          domain={domain}
          bars={[
            { dataKey: 'input', name: 'input', stackId: 'tokens', fill: '#0891b2' },
            { dataKey: 'output', name: 'output', stackId: 'tokens', fill: '#7c3aed' },
          ]}
        />
        {markerLines(markers)}
      </ComposedChart>
    </ChartFrame>
  );
}
