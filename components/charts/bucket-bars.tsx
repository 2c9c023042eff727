'use client';

// Bars as wide as their bucket on the numeric time axis. Recharts sizes a bar on a number axis by
// the two closest points, so a range with missing buckets got thin bars with gaps; here each bar
// spans its bucket (less a pixel between neighbours), centred on the bucket's point as the lines'
// points are, so the tooltip of the bar under the pointer is its own.
import { Bar, usePlotArea } from 'recharts';

export interface BucketBar {
  dataKey: string;
  name: string;
  fill: string;
  fillOpacity?: number;
  stackId?: string;
  yAxisId?: string;
}

/** Width in pixels of one bucket of `stepMs` on an axis over `domain` drawn `plotWidth` pixels wide. */
export function bucketWidthPx(plotWidth: number, stepMs: number, domain: readonly [number, number]): number {
  const px = (plotWidth * stepMs) / Math.max(1, domain[1] - domain[0]);
  return Math.max(1, px > 3 ? px - 1 : px);
}

/** Renders inside a recharts chart (it reads the chart's plot area). */
export function BucketBars({
  bars,
  stepMs,
  domain,
}: {
  bars: readonly BucketBar[];
  stepMs: number;
  domain: readonly [number, number];
}) {
  const plot = usePlotArea();
  const barSize = plot ? bucketWidthPx(plot.width, stepMs, domain) : undefined;
  return bars.map((bar) => <Bar key={bar.dataKey} {...bar} barSize={barSize} isAnimationActive={false} />);
}
