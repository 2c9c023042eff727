'use client';

// Calls and errors per hour as a small chart: calls as a filled line, errors as red bars on the
// same scale (so their height is their true share). Presentational: takes `data`, nothing else.
import { Bar, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatUtcTime } from '@/lib/format';

export interface SparkPoint {
  start: string;
  calls: number;
  errors: number;
}

export function Sparkline({ data, label, height = 32 }: { data: SparkPoint[]; label: string; height?: number }) {
  return (
    <div role="img" aria-label={label} className="w-full" style={{ height }}>
      <ComposedChart data={data} responsive style={{ width: '100%', height }} margin={{ top: 2, right: 1, bottom: 2, left: 1 }} barCategoryGap={1}>
        <XAxis dataKey="start" hide />
        <YAxis hide domain={[0, 'dataMax']} />
        <Tooltip content={<SparkTooltip />} cursor={{ stroke: 'var(--color-muted)', strokeWidth: 1 }} isAnimationActive={false} />
        <Bar dataKey="errors" fill="var(--color-bad)" isAnimationActive={false} />
        <Line
          dataKey="calls"
          type="monotone"
          stroke="var(--color-accent)"
          strokeWidth={1.5}
          dot={false}
          activeDot={{ r: 2 }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </div>
  );
}

function SparkTooltip({ active, payload }: { active?: boolean; payload?: { payload: SparkPoint }[] }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  const end = new Date(new Date(point.start).getTime() + 3_600_000);
  return (
    <div className="tabular rounded border border-border bg-panel px-2 py-1 text-xs shadow">
      <div className="text-muted">
        {formatUtcTime(point.start).replace(' UTC', '')}–{formatUtcTime(end)}
      </div>
      <div>{formatCount(point.calls)} calls</div>
      <div className={point.errors ? 'text-bad' : undefined}>{formatCount(point.errors)} errors</div>
    </div>
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
