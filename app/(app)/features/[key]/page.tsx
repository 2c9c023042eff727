import { FlaskConical, List, Target } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FeatureCharts } from '@/components/feature/feature-charts';
import { ChartMarkersList } from '@/components/feature/chart-markers-list';
import { FeatureSwitch } from '@/components/feature/feature-switch';
import { NoCalls } from '@/components/feature/no-calls';
import { RangePicker } from '@/components/feature/range-picker';
import { RecentAlerts } from '@/components/feature/recent-alerts';
import { SloSection } from '@/components/feature/slo-section';
import { stepLabel } from '@/components/feature/step-label';
import { SummaryFigures } from '@/components/feature/summary-figures';
import { StatusBadge } from '@/components/overview/status-badge';
import { BackLink } from '@/components/ui/back-link';
import { getReadDb } from '@/db';
import { requirePageUser } from '@/lib/auth/page-user';
import { roleAllows } from '@/lib/auth/roles';
import { formatUtc } from '@/lib/format/time';
import { featureViewHref, featureViewParams, parseFeatureView } from '@/lib/stats/feature-view';
import { flipSwitchAction } from '../../switches/actions';
import { loadFeaturePage } from './load';
import { featureKeyOf } from '@/lib/features/key-param';
import { featureEvalsPath } from '@/lib/evals/links';
import { TriggerSection } from '@/components/triggers/trigger-section';
import { readTriggers } from '@/lib/triggers/manage-triggers';
import {
  createTriggerAction,
  deleteTriggerAction,
  rotateTriggerAction,
  setTriggerEnabledAction,
} from './trigger-actions';

export const dynamic = 'force-dynamic';

type Params = Promise<{ key: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }) {
  return { title: featureKeyOf((await params).key) };
}

const RANGE_WORDS = { '1h': 'last hour', '24h': 'last 24 hours', '7d': 'last 7 days', '30d': 'last 30 days' } as const;

export default async function FeaturePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requirePageUser();
  const key = featureKeyOf((await params).key);
  const view = parseFeatureView(featureViewParams(await searchParams));
  if (!view.ok) return <BadView featureKey={key} errors={view.errors} />;
  const db = await getReadDb();
  const data = await loadFeaturePage(db, key, view);
  if (!data) notFound();
  const triggers = await readTriggers(db, key);
  const triggerActions = roleAllows(user.role, 'admin')
    ? {
        create: createTriggerAction,
        rotate: rotateTriggerAction,
        setEnabled: setTriggerEnabledAction,
        remove: deleteTriggerAction,
      }
    : null;
  const { feature, stats } = data;
  const rangeLabel =
    view.range === 'custom' ? `${formatUtc(stats.from)} – ${formatUtc(stats.to)}` : RANGE_WORDS[view.range];
  const callsHref = `/calls?${new URLSearchParams({ feature: key, from: stats.from, to: stats.to, ...(view.environment !== 'production' ? { environment: view.environment } : {}) })}`;

  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="flex min-w-0 flex-col gap-1">
          <BackLink href="/">Overview</BackLink>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold break-words">
              {feature.name ?? <span className="font-mono">{feature.key}</span>}
            </h1>
            <StatusBadge status={data.status} />
            <span className="text-xs text-muted">now</span>
          </div>
          {feature.name ? <p className="font-mono text-sm text-muted">{feature.key}</p> : null}
          <p className="tabular text-sm text-muted">
            {rangeLabel} · {view.environment} · {stepLabel(stats.stepSeconds)} buckets
          </p>
          <div className="flex flex-wrap gap-x-4">
            <Link
              href={`/features/${encodeURIComponent(key)}/slos`}
              className="inline-flex min-h-11 items-center gap-1 text-sm text-accent underline-offset-2 hover:underline"
            >
              <Target aria-hidden className="size-4" /> SLOs and budgets
            </Link>
            <Link
              href={callsHref}
              className="inline-flex min-h-11 items-center gap-1 text-sm text-accent underline-offset-2 hover:underline"
            >
              <List aria-hidden className="size-4" /> Calls in this range
            </Link>
            <Link
              href={featureEvalsPath(key)}
              className="inline-flex min-h-11 items-center gap-1 text-sm text-accent underline-offset-2 hover:underline"
            >
              <FlaskConical aria-hidden className="size-4" /> Eval runs
            </Link>
          </div>
        </div>
        <div className="lg:w-96 lg:shrink-0">
          <FeatureSwitch
            featureKey={key}
            initial={data.switchDocument}
            flip={roleAllows(user.role, 'responder') ? flipSwitchAction : null}
          />
        </div>
      </header>

      <RangePicker
        featureKey={key}
        range={view.range}
        from={stats.from}
        to={stats.to}
        environment={view.environment}
        environments={data.environments}
      />

      {stats.totals.calls === 0 ? (
        <NoCalls
          featureKey={key}
          environment={view.environment}
          rangeLabel={rangeLabel}
          environments={data.environments}
        />
      ) : (
        <section aria-label="Charts" className="flex flex-col gap-3">
          <SummaryFigures totals={stats.totals} rangeLabel={rangeLabel} />
          <FeatureCharts
            stats={stats}
            slos={data.slos}
            budgets={data.budgets}
            markers={data.markers}
            evalRuns={data.evalRuns.map((r) => ({ t: r.startedAt.getTime(), value: r.passRate }))}
          />
          <ChartMarkersList markers={data.markers} />
        </section>
      )}

      <SloSection featureKey={key} slos={data.slos} burnDowns={data.burnDowns} environment={view.environment} />
      <RecentAlerts featureKey={key} alerts={data.recentAlerts} now={data.readAt} />
      <TriggerSection featureKey={key} triggers={triggers} actions={triggerActions} />
    </div>
  );
}

function BadView({ featureKey, errors }: { featureKey: string; errors: string[] }) {
  return (
    <div role="alert" className="flex flex-col gap-2 rounded-md border border-bad bg-bad-bg p-4 text-sm text-bad">
      <h1 className="text-lg font-semibold">This link’s time range cannot be shown</h1>
      <ul className="list-disc pl-5">
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      <Link href={featureViewHref(featureKey, {})} className="font-semibold underline">
        Show the last 24 hours
      </Link>
    </div>
  );
}
