// Desktop layout: one table row per feature.
import type { Overview } from '@/lib/overview/overview';
import { SparklineLegend } from '@/components/charts/sparkline';
import { Calls, Cost, ErrorRate, FeatureName, HourlyChart, Latency, SloList, Spend, SwitchState } from './figures';
import { StatusBadge } from './status-badge';

// Tight padding and no wrapping inside a number or a key: at 1280 px every column fits on one screen.
const th = 'px-1.5 py-2 first:pl-3 last:pr-3 text-left text-xs font-semibold text-muted';
const cell = 'px-1.5 py-2 first:pl-3 last:pr-3 align-middle';
const num = `${cell} whitespace-nowrap text-right`;

export function OverviewTable({ overview, now }: { overview: Overview; now: number | null }) {
  return (
    <div className="hidden overflow-x-auto rounded-lg border border-border bg-panel md:block">
      <table className="tabular w-full border-collapse text-sm">
        <caption className="sr-only">Features over the last 24 hours in {overview.environment}, worst first</caption>
        <thead className="border-b border-border">
          <tr>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Feature
            </th>
            <th scope="col" className={th}>
              SLOs
            </th>
            <th scope="col" className={`${th} text-right`}>
              Calls
            </th>
            <th scope="col" className={`${th} text-right`}>
              Error rate
            </th>
            <th scope="col" className={`${th} text-right`}>
              p95 latency
            </th>
            <th scope="col" className={`${th} text-right`}>
              Cost
            </th>
            <th scope="col" className={th}>
              Spend vs budget
            </th>
            {/* The key wraps ("calls errors / per hour") so the column is as narrow as its chart. */}
            <th scope="col" className={`${th} *:flex-wrap *:whitespace-normal`}>
              <SparklineLegend />
            </th>
            <th scope="col" className={th}>
              Switch
            </th>
          </tr>
        </thead>
        <tbody>
          {overview.features.map((feature) => (
            <tr key={feature.key} data-feature={feature.key} className="border-b border-border last:border-b-0">
              <td className={cell}>
                <StatusBadge status={feature.status} />
              </td>
              <th scope="row" className="px-1.5 py-1 text-left align-middle font-normal">
                <FeatureName feature={feature} />
              </th>
              <td className={`${cell} min-w-36`}>
                <SloList feature={feature} />
              </td>
              <td className={num}>
                <Calls feature={feature} />
              </td>
              <td className={num}>
                <ErrorRate feature={feature} />
              </td>
              <td className={num}>
                <Latency feature={feature} />
              </td>
              <td className={num}>
                <Cost feature={feature} />
              </td>
              <td className={cell}>
                <Spend feature={feature} />
              </td>
              <td className={`${cell} w-24 min-w-24`}>
                <HourlyChart hourly={feature.hourly} />
              </td>
              <td className={`${cell} w-48 min-w-36`}>
                <SwitchState feature={feature} asOf={overview.to} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
