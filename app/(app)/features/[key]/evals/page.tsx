import { notFound } from 'next/navigation';
import { PassRateChart } from '@/components/charts/pass-rate-chart';
import { EvalRunList } from '@/components/evals/eval-run-list';
import { NoEvalRuns } from '@/components/evals/no-eval-runs';
import { BackLink } from '@/components/ui/back-link';
import { getDb } from '@/db';
import { findBaselineRun, listEvalRuns } from '@/db/queries/eval-runs';
import { findFeature } from '@/db/queries/features';
import { requirePageUser } from '@/lib/auth/page-user';
import { featureKeyOf } from '@/lib/features/key-param';
import { formatPercent } from '@/lib/format/numbers';
import { evalRunView } from '../../../evals/run-view';

export const dynamic = 'force-dynamic';

type Params = Promise<{ key: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  return { title: `${featureKeyOf((await params).key)} evals` };
}

/** Runs on the page and in the chart: months of nightly runs. */
const RUN_LIMIT = 200;

async function loadFeatureEvals(key: string) {
  const db = await getDb();
  const feature = await findFeature(db, key);
  if (!feature) return null;
  const [runs, baseline] = await Promise.all([
    listEvalRuns(db, { featureId: feature.id, limit: RUN_LIMIT }),
    findBaselineRun(db, feature.id),
  ]);
  return { feature, runs, baseline, readAt: Date.now() };
}

export default async function FeatureEvalsPage({ params }: { params: Params }) {
  await requirePageUser();
  const key = featureKeyOf((await params).key);
  const data = await loadFeatureEvals(key);
  if (!data) notFound();
  const { runs, baseline, readAt } = data;
  const views = runs.map((r) => evalRunView(r, baseline?.passRate ?? null, readAt));
  // The newest run's threshold is the set's current one.
  const threshold = runs.find((r) => r.threshold !== null)?.threshold ?? null;
  const latest = runs[0];

  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-col gap-1">
        <BackLink href={`/features/${encodeURIComponent(key)}`}>{key}</BackLink>
        <h1 className="text-2xl font-semibold break-words">
          Evals <span className="font-mono text-xl font-normal text-muted">{key}</span>
        </h1>
        {latest ? (
          <p className="tabular text-sm text-muted">
            {runs.length === RUN_LIMIT
              ? `The last ${RUN_LIMIT} runs`
              : `${runs.length} run${runs.length === 1 ? '' : 's'}`}
            , newest first · latest {formatPercent(latest.passRate)}
            {baseline
              ? ` · baseline ${formatPercent(baseline.passRate)} (run #${baseline.id})`
              : ' · no baseline marked'}
          </p>
        ) : null}
      </header>
      {runs.length === 0 ? (
        <NoEvalRuns feature={key} />
      ) : (
        <>
          <PassRateChart
            data={[...runs]
              .reverse()
              .map((r) => ({ t: r.startedAt.getTime(), passRate: r.passRate, baseline: r.isBaseline }))}
            threshold={threshold}
            description={`Pass rate of ${runs.length} runs from ${formatPercent(Math.min(...runs.map((r) => r.passRate)))} to ${formatPercent(Math.max(...runs.map((r) => r.passRate)))}; latest ${formatPercent(latest.passRate)}.`}
          />
          {!baseline ? (
            <p className="rounded-lg border border-border bg-panel p-3 text-sm text-muted">
              No baseline yet: open a run you trust and choose <strong>Mark as baseline</strong>. CI then fails a run
              that regresses against it.
            </p>
          ) : null}
          <EvalRunList runs={views} baselineId={baseline?.id ?? null} />
        </>
      )}
    </div>
  );
}
