// Desktop layout: one table row per feature.
import type { Overview } from '@/db/queries/overview';
import { Sparkline, SparklineLegend, describeSparkline } from '@/components/charts/sparkline';
import { Calls, Cost, ErrorRate, FeatureName, Latency, SloList, Spend, SwitchState } from './figures';
import { StatusBadge } from './status-badge';

const th = 'px-3 py-2 text-left text-xs font-semibold text-muted';
const num = 'px-3 py-2 text-right align-middle';

export function OverviewTable({ overview, now }: { overview: Overview; now: number | null }) {
  return (
    <div className="hidden overflow-x-auto rounded-lg border border-border bg-panel md:block">
      <table className="tabular w-full border-collapse text-sm">
        <caption className="sr-only">Features over the last 24 hours in {overview.environment}, worst first</caption>
        <thead className="border-b border-border">
          <tr>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Feature</th>
            <th scope="col" className={th}>SLOs</th>
            <th scope="col" className={`${th} text-right`}>Calls</th>
            <th scope="col" className={`${th} text-right`}>Error rate</th>
            <th scope="col" className={`${th} text-right`}>p95 latency</th>
            <th scope="col" className={`${th} text-right`}>Cost</th>
            <th scope="col" className={th}>Spend vs budget</th>
            <th scope="col" className={th}>
              <SparklineLegend />
            </th>
            <th scope="col" className={th}>Switch</th>
          </tr>
        </thead>
        <tbody>
          {overview.features.map((feature) => (
            <tr key={feature.key} data-feature={feature.key} className="border-b border-border last:border-b-0">
              <td className="px-3 py-2 align-middle">
                <StatusBadge status={feature.status} />
              </td>
              <th scope="row" className="px-3 py-1 text-left align-middle font-normal">
                <FeatureName feature={feature} />
              </th>
              <td className="px-3 py-2 align-middle">
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
              <td className="px-3 py-2 align-middle">
                <Spend feature={feature} />
              </td>
              <td className="w-36 px-3 py-2 align-middle">
                <Sparkline data={feature.hourly} label={describeSparkline(feature.hourly)} />
              </td>
              <td className="w-60 px-3 py-2 align-middle">
                <SwitchState feature={feature} asOf={overview.to} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
