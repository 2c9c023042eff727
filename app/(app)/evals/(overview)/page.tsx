import { FeatureEvalsList, type FeatureEvalsView } from '@/components/evals/feature-evals-list';
import { NoEvalRuns } from '@/components/evals/no-eval-runs';
import { getDb } from '@/db';
import { listFeatureEvalSummaries, type FeatureEvalsSummary } from '@/db/queries/evals-overview';
import { requirePageUser } from '@/lib/auth/page-user';
import { runVerdict, VERDICT_ORDER } from '@/lib/evals/run-verdict';
import { formatWhen } from '@/lib/format/time';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Evals' };

function featureView(s: FeatureEvalsSummary, now: number): FeatureEvalsView {
  const isBaseline = s.baseline?.id === s.latest.id;
  return {
    feature: s.feature,
    featureName: s.featureName,
    runs: s.runs,
    verdict: runVerdict(s.latest, isBaseline ? null : (s.baseline?.passRate ?? null)),
    latest: { ...s.latest, when: formatWhen(s.latest.startedAt, now), isBaseline },
    baseline: s.baseline
      ? { id: s.baseline.id, passRate: s.baseline.passRate, when: formatWhen(s.baseline.startedAt, now) }
      : null,
    trend: s.trend,
  };
}

async function loadFeatureEvals() {
  const summaries = await listFeatureEvalSummaries(await getDb());
  const now = Date.now();
  return summaries.map((s) => featureView(s, now));
}

export default async function EvalsPage() {
  await requirePageUser();
  const features = (await loadFeatureEvals())
    // Worst first: below threshold, below baseline, then the lowest pass rate.
    .sort(
      (a, b) =>
        VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) ||
        a.latest.passRate - b.latest.passRate ||
        a.feature.localeCompare(b.feature),
    );

  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">Evals</h1>
        {features.length ? (
          <p className="text-sm text-muted">
            Each feature’s latest eval run from CI, worst first; open one for its runs over time.
          </p>
        ) : null}
      </div>
      {features.length === 0 ? <NoEvalRuns /> : <FeatureEvalsList features={features} />}
    </section>
  );
}
