'use client';

// Calls and errors per hour as a small chart. Presentational: takes `data`, nothing else.
// Errors get their own scale (a few errors would be invisible next to hundreds of calls), floored
// at a fifth of the peak call count so that one stray error stays a small bar.
import { Area, Bar, ComposedChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '@/lib/format/numbers';
import { formatUtcTime } from '@/lib/format/time';

export interface SparkPoint {
  start: string;
  calls: number;
  errors: number;
}

export function Sparkline({ data, label, height = 32 }: { data: SparkPoint[]; label: string; height?: number }) {
  const maxCalls = Math.max(0, ...data.map((p) => p.calls));
  const maxErrors = Math.max(0, ...data.map((p) => p.errors));
  const errorScale = Math.max(maxErrors * 1.5, maxCalls * 0.2, 1);
  return (
    <div role="img" aria-label={label} className="w-full" style={{ height }}>
      <ComposedChart data={data} responsive style={{ width: '100%', height }} margin={{ top: 2, right: 1, bottom: 1, left: 1 }} barCategoryGap={1}>
        <XAxis dataKey="start" hide />
        <YAxis yAxisId="calls" hide domain={[0, Math.max(maxCalls, 1)]} />
        <YAxis yAxisId="errors" hide domain={[0, errorScale]} />
        <Tooltip content={<SparkTooltip />} cursor={{ stroke: 'var(--color-muted)', strokeWidth: 1 }} isAnimationActive={false} />
        <Area
          yAxisId="calls"
          dataKey="calls"
          type="monotone"
          stroke="var(--color-accent)"
          strokeWidth={1.5}
          fill="var(--color-accent)"
          fillOpacity={0.12}
          dot={false}
          activeDot={{ r: 2 }}
          isAnimationActive={false}
        />
        <Bar yAxisId="errors" dataKey="errors" fill="var(--color-bad)" isAnimationActive={false} />
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

/** The chart's key, for a column header or caption. */
export function SparklineLegend() {
  return (
    <span className="inline-flex items-center gap-2 whitespace-nowrap">
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="inline-block h-0.5 w-3 bg-accent" />
        calls
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="inline-block h-2 w-1.5 bg-bad" />
        errors
      </span>
      <span>per hour</span>
    </span>
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
