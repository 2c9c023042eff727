'use client';

// The pass rates of a feature's recent runs as a small line (0–100%), with the threshold dashed.
import { Line, LineChart, ReferenceLine, YAxis } from 'recharts';

export function PassRateSparkline({
  data,
  threshold,
  label,
}: {
  data: { passRate: number }[];
  threshold: number | null;
  label: string;
}) {
  return (
    <div role="img" aria-label={label} className="h-8 w-full">
      <LineChart
        data={data}
        responsive
        style={{ width: '100%', height: 32 }}
        margin={{ top: 3, right: 3, bottom: 3, left: 3 }}
      >
        <YAxis hide domain={[0, 1]} />
        {threshold !== null ? <ReferenceLine y={threshold} stroke="var(--color-muted)" strokeDasharray="3 3" /> : null}
        <Line
          dataKey="passRate"
          stroke="var(--color-accent)"
          strokeWidth={1.5}
          dot={data.length < 2 ? { r: 2 } : false}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
}
