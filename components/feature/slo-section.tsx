// The feature's SLOs in words (their lines are on the charts), each SLO's error-budget burn-down
// over its window, and the way to the SLO and budget forms.
import Link from 'next/link';
import { BurnDownChart } from '@/components/charts/burn-down-chart';
import { formatPercent } from '@/lib/format/numbers';
import type { BurnDownPoint } from '@/lib/slo/burn-down';
import { describeScope, describeSlo } from '@/lib/slo/describe';
import type { Slo } from '@/lib/validations/slo';

export interface BurnDown {
  name: string;
  objective: number;
  window: string;
  points: BurnDownPoint[];
}

export function SloSection({
  featureKey,
  slos,
  burnDowns,
  environment,
}: {
  featureKey: string;
  slos: Slo[];
  burnDowns: BurnDown[];
  environment: string;
}) {
  const slosHref = `/features/${encodeURIComponent(featureKey)}/slos`;
  return (
    <section aria-labelledby="slo-title" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="slo-title" className="text-lg font-semibold">
          SLOs in {environment}
        </h2>
        <Link
          href={slosHref}
          className="inline-flex min-h-11 items-center text-sm text-accent underline-offset-2 hover:underline"
        >
          SLOs and budgets
        </Link>
      </div>
      {slos.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border p-3 text-sm text-muted">
          No SLOs for {environment}. Define them on the{' '}
          <Link href={slosHref} className="text-accent underline">
            SLOs and budgets
          </Link>{' '}
          page: their thresholds and objectives then show as lines on the charts.
        </p>
      ) : (
        <ul
          className="flex flex-col gap-1 rounded-lg border border-border bg-panel p-3 text-sm"
          aria-label="SLO definitions"
        >
          {slos.map((slo) => (
            <li key={slo.name}>
              <span className="font-mono font-semibold">{slo.name}</span>: {describeSlo(slo)}{' '}
              <span className="text-muted">({describeScope(slo)})</span>
            </li>
          ))}
        </ul>
      )}
      {burnDowns.length > 0 ? (
        <div className="grid gap-3 lg:grid-cols-2">
          {burnDowns.map((b) => {
            const last = b.points[b.points.length - 1]?.actual ?? null;
            return (
              <BurnDownChart
                key={b.name}
                title={`Error budget of ${b.name} (${b.window})`}
                data={b.points.map((p) => ({ t: Date.parse(p.at), ideal: p.ideal, actual: p.actual }))}
                description={`Error budget of ${b.name}, objective ${formatPercent(b.objective)} over ${b.window}: ${last === null ? 'no events in the window' : `${formatPercent(Math.max(0, last))} left${last < 0 ? ' (overspent)' : ''}`}.`}
              />
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
