// Phone layout: one card per feature, the figures in a labelled grid.
import type { ReactNode } from 'react';
import type { Overview } from '@/lib/overview/overview';
import { SparklineLegend } from '@/components/charts/sparkline';
import { Calls, Cost, ErrorRate, FeatureName, HourlyChart, Latency, SloList, Spend, SwitchState } from './figures';
import { StatusBadge } from './status-badge';

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="text-base">{children}</dd>
    </div>
  );
}

export function OverviewCards({ overview, now }: { overview: Overview; now: number | null }) {
  return (
    <ul
      className="flex flex-col gap-3 md:hidden"
      aria-label={`Features over the last 24 hours in ${overview.environment}, worst first`}
    >
      {overview.features.map((feature) => (
        <li key={feature.key} data-feature={feature.key}>
          <article
            aria-label={feature.key}
            className="tabular flex flex-col gap-2 rounded-lg border border-border bg-panel p-3"
          >
            <div className="flex items-center justify-between gap-2">
              <FeatureName feature={feature} />
              <StatusBadge status={feature.status} />
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2">
              <Figure label="Calls">
                <Calls feature={feature} />
              </Figure>
              <Figure label="Error rate">
                <ErrorRate feature={feature} />
              </Figure>
              <Figure label="p95 latency">
                <Latency feature={feature} />
              </Figure>
              <Figure label="Cost">
                <Cost feature={feature} />
              </Figure>
              <Figure label="SLOs">
                <SloList feature={feature} />
              </Figure>
              <Figure label="Spend vs budget">
                <Spend feature={feature} />
              </Figure>
            </dl>
            <div>
              <p className="text-xs text-muted">
                <SparklineLegend />
              </p>
              <HourlyChart hourly={feature.hourly} height={40} />
              <p aria-hidden className="flex justify-between text-[0.7rem] text-muted">
                <span>24 h ago</span>
                <span>now</span>
              </p>
            </div>
            <div className="border-t border-border pt-2 text-sm">
              <SwitchState feature={feature} asOf={overview.to} now={now} />
            </div>
          </article>
        </li>
      ))}
    </ul>
  );
}
