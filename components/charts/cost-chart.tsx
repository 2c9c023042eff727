'use client';

// Spend per bucket (bars, with the daily budget scaled to the bucket) and cost per call (a line on
// its own axis).
import { ComposedChart, Line, YAxis } from 'recharts';
import { BucketBars } from './bucket-bars';
import { formatUsd } from '@/lib/format/numbers';
import { axisUsd } from './axis-format';
import {
  axisProps,
  ChartFrame,
  markerLines,
  thresholdLines,
  timeAxis,
  timeTooltip,
  type ChartMarker,
} from './time-chart';

export interface CostPoint {
  t: number;
  costUsd: number;
  costPerCallUsd: number | null;
}

export function CostChart(props: {
  data: CostPoint[];
  domain: [number, number];
  stepMs: number;
  markers: ChartMarker[];
  /** The daily budget scaled to one bucket, with its label; null without a budget. */
  budget: { perBucketUsd: number; label: string } | null;
  description: string;
}) {
  const { data, domain, markers, budget } = props;
  const thresholds = thresholdLines(budget ? [{ y: budget.perBucketUsd, label: budget.label }] : [], 'spend');
  return (
    <ChartFrame
      title="Cost"
      description={props.description}
      legend={[
        { label: 'spend per bucket', color: '#15803d' },
        { label: 'cost per call (right axis)', color: '#d97706' },
        ...thresholds.legend,
      ]}
    >
      <ComposedChart
        data={data}
        responsive
        style={{ width: '100%', height: '100%' }}
        margin={{ top: 8, right: 0, bottom: 0, left: 0 }}
      >
        {timeAxis(domain)}
        {/* Dollar labels vary in length ("$0.0042", "$1,200"): each axis is as wide as its labels. */}
        <YAxis yAxisId="spend" {...axisProps} width="auto" tickFormatter={axisUsd} />
        <YAxis yAxisId="perCall" orientation="right" {...axisProps} width="auto" tickFormatter={axisUsd} />
        {timeTooltip((v) => formatUsd(v))}
        <BucketBars
          stepMs={props.stepMs}
          domain={domain}
          bars={[{ dataKey: 'costUsd', name: 'spend', yAxisId: 'spend', fill: '#15803d', fillOpacity: 0.7 }]}
        />
        <Line
          yAxisId="perCall"
          dataKey="costPerCallUsd"
          name="cost per call"
          stroke="#d97706"
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        {thresholds.lines}
        {markerLines(markers, 'spend')}
      </ComposedChart>
    </ChartFrame>
  );
}
