'use client';

// Eval runs' pass rates over time: a point per run joined by a line, the set's threshold as a
// dashed line, the baseline run drawn as a larger diamond. Presentational: takes `data`.
import { ComposedChart, Line, ReferenceDot, ReferenceLine, YAxis } from 'recharts';
import { formatPercent } from '@/lib/format/numbers';
import { HOUR_MS } from '@/lib/time/units';
import { axisPercent } from './axis-format';
import { axisProps, ChartFrame, timeAxis, timeTooltip } from './time-chart';

export interface PassRatePoint {
  t: number;
  passRate: number;
  baseline: boolean;
}

const BASELINE_COLOR = '#d97706';

export function PassRateChart({
  data,
  threshold,
  description,
}: {
  data: PassRatePoint[];
  threshold: number | null;
  description: string;
}) {
  const times = data.map((p) => p.t);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max((last - first) * 0.04, HOUR_MS);
  const domain: [number, number] = [first - pad, last + pad];
  const baseline = data.find((p) => p.baseline);
  return (
    <ChartFrame
      title="Pass rate per run"
      description={description}
      legend={[
        { label: 'pass rate', color: 'var(--color-accent)' },
        ...(baseline ? [{ label: `baseline ${formatPercent(baseline.passRate)}`, color: BASELINE_COLOR }] : []),
        ...(threshold !== null
          ? [{ label: `threshold ${formatPercent(threshold)}`, color: 'var(--color-text)', dashed: true }]
          : []),
      ]}
      height={220}
    >
      <ComposedChart
        data={data}
        responsive
        style={{ width: '100%', height: '100%' }}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
      >
        {timeAxis(domain)}
        <YAxis {...axisProps} domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={axisPercent} />
        {timeTooltip((v) => formatPercent(v))}
        <Line
          dataKey="passRate"
          name="pass rate"
          stroke="var(--color-accent)"
          strokeWidth={2}
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
        {/* Labelled below the line at the left, where recent runs' points do not sit. */}
        {threshold !== null ? (
          <ReferenceLine
            y={threshold}
            stroke="var(--color-text)"
            strokeDasharray="6 4"
            strokeWidth={1.5}
            label={{
              value: `threshold ${formatPercent(threshold)}`,
              position: 'insideBottomLeft',
              fontSize: 11,
              fill: 'var(--color-text)',
            }}
          />
        ) : null}
        {baseline ? (
          <ReferenceDot
            x={baseline.t}
            y={baseline.passRate}
            r={7}
            fill={BASELINE_COLOR}
            stroke="var(--color-panel)"
            strokeWidth={2}
            className="pass-rate-baseline"
            label={{ value: 'baseline', position: 'top', fontSize: 11, fill: 'var(--color-text)' }}
          />
        ) : null}
      </ComposedChart>
    </ChartFrame>
  );
}
