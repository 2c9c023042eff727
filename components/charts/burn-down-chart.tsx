'use client';

// An SLO's error budget over its window: what is left (actual) against spending it evenly (ideal).
import { ComposedChart, Line, ReferenceLine, YAxis } from 'recharts';
import { formatPercent } from '@/lib/format/numbers';
import { axisPercent } from './axis-format';
import { axisProps, ChartFrame, timeAxis, timeTooltip, TIME_CHART_PROPS } from './time-chart';

export interface BurnDownPoint {
  t: number;
  ideal: number;
  actual: number | null;
}

export function BurnDownChart({
  title,
  data,
  description,
}: {
  title: string;
  data: BurnDownPoint[];
  description: string;
}) {
  const domain: [number, number] = [data[0]?.t ?? 0, data[data.length - 1]?.t ?? 1];
  // An overspent budget goes below 0; past −100% the line leaves the chart (the tooltip has the figure).
  const lowest = Math.max(-1, Math.min(0, ...data.map((p) => p.actual ?? 0)));
  return (
    <ChartFrame
      title={title}
      description={description}
      height={180}
      legend={[
        { label: 'budget left', color: 'var(--color-accent)' },
        { label: 'ideal (even spend)', color: 'var(--color-muted)', dashed: true },
      ]}
    >
      <ComposedChart data={data} {...TIME_CHART_PROPS}>
        {timeAxis(domain)}
        <YAxis {...axisProps} domain={[Math.floor(lowest * 4) / 4, 1]} tickFormatter={axisPercent} allowDataOverflow />
        {timeTooltip((v) => (v < 0 ? `${formatPercent(-v)} overspent` : formatPercent(v)))}
        <ReferenceLine y={0} stroke="var(--color-bad)" />
        <Line
          dataKey="ideal"
          name="ideal"
          stroke="var(--color-muted)"
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="actual"
          name="budget left"
          stroke="var(--color-accent)"
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}
