// The range's big numbers above the charts: calls, error rate, p95 latency and cost.
import { formatCount, formatLatencyEstimate, formatPercent, formatUsd } from '@/lib/format/numbers';
import type { Stats } from '@/lib/stats/feature-stats';

export function SummaryFigures({ totals, rangeLabel }: { totals: Stats; rangeLabel: string }) {
  const errorRate = totals.calls > 0 ? totals.errors / totals.calls : null;
  const figures = [
    { label: 'Calls', value: formatCount(totals.calls), note: null },
    {
      label: 'Error rate',
      value: formatPercent(errorRate),
      note: `${formatCount(totals.errors)} errors`,
      bad: errorRate !== null && errorRate >= 0.01,
    },
    {
      label: 'p95 latency',
      value: formatLatencyEstimate(totals.latencyMs.p95),
      note: `p50 ${formatLatencyEstimate(totals.latencyMs.p50)}`,
    },
    { label: 'Cost', value: formatUsd(totals.costUsd), note: `${formatUsd(totals.costPerCallUsd)} per call` },
  ];
  return (
    <dl className="tabular grid grid-cols-2 gap-2 sm:grid-cols-4" aria-label={`Totals, ${rangeLabel}`}>
      {figures.map((f) => (
        <div
          key={f.label}
          role="group"
          aria-label={f.label}
          className="flex flex-col rounded-lg border border-border bg-panel p-3"
        >
          <dt className="text-xs font-medium text-muted">{f.label}</dt>
          <dd className={`text-2xl font-semibold ${f.bad ? 'text-bad' : ''}`}>{f.value}</dd>
          {f.note ? <dd className="text-xs text-muted">{f.note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
