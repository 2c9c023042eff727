import { GitCompare } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CaseResult } from '@/components/evals/case-result';
import { MarkBaselineButton } from '@/components/evals/mark-baseline-button';
import { RunFigures } from '@/components/evals/run-figures';
import { RunLabels } from '@/components/evals/run-labels';
import { BaselineTag, VerdictBadge } from '@/components/evals/verdict-badge';
import { BackLink } from '@/components/ui/back-link';
import { getDb } from '@/db';
import { findBaselineRun, findEvalRun, listEvalResults } from '@/db/queries/eval-runs';
import { requirePageUser } from '@/lib/auth/page-user';
import { roleAllows } from '@/lib/auth/roles';
import { groupCases } from '@/lib/evals/case-groups';
import { toEvalResultJson } from '@/lib/evals/eval-run-json';
import { evalComparePath, featureEvalsPath } from '@/lib/evals/links';
import { formatDuration } from '@/lib/format/time';
import { EvalRunIdSchema } from '@/lib/validations/eval-runs-query';
import { evalRunView } from '../../run-view';
import { markBaselineAction } from './actions';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  return { title: `Eval run #${(await params).id}` };
}

/** Cases rendered in full; past this the page says how many more there are (the API has them all). */
const MAX_CASES_SHOWN = 500;

async function loadRun(id: number) {
  const db = await getDb();
  const run = await findEvalRun(db, id);
  if (!run) return null;
  const [results, baseline] = await Promise.all([listEvalResults(db, id), findBaselineRun(db, run.featureId)]);
  return { run, results: results.map(toEvalResultJson), baseline, readAt: Date.now() };
}

export default async function EvalRunPage({ params }: { params: Params }) {
  const user = await requirePageUser();
  const id = EvalRunIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const data = await loadRun(id.data);
  if (!data) notFound();
  const { run, results, baseline, readAt } = data;
  const view = evalRunView(run, baseline?.passRate ?? null, readAt);
  const cases = groupCases(results);
  const failing = cases.filter((c) => c.passRate < 1);
  const passing = cases.filter((c) => c.passRate === 1);
  const shownFailing = failing.slice(0, MAX_CASES_SHOWN);
  const shownPassing = passing.slice(0, Math.max(0, MAX_CASES_SHOWN - shownFailing.length));
  const hidden = cases.length - shownFailing.length - shownPassing.length;
  const canMark = roleAllows(user.role, 'admin') && !run.isBaseline;

  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-col gap-2">
        <BackLink href={featureEvalsPath(run.feature)}>{run.feature} evals</BackLink>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold break-words">
            Run #{run.id}
            {run.name ? <span className="font-normal text-muted"> · {run.name}</span> : null}
          </h1>
          <VerdictBadge verdict={view.verdict} />
          {run.isBaseline ? <BaselineTag /> : null}
        </div>
        <p className="tabular text-sm text-muted">
          <span className="font-mono">{run.feature}</span> · started {view.when}
          {run.finishedAt ? ` · took ${formatDuration(run.finishedAt.getTime() - run.startedAt.getTime())}` : ''}
        </p>
        <RunLabels run={view} />
      </header>

      <RunFigures run={view} baseline={baseline ? { id: baseline.id, passRate: baseline.passRate } : null} />

      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        {baseline && baseline.id !== run.id ? (
          <Link
            href={evalComparePath(baseline.id, run.id)}
            className="inline-flex min-h-11 items-center justify-center gap-2 rounded-md bg-accent px-4 text-sm font-semibold text-accent-text hover:opacity-90"
          >
            <GitCompare aria-hidden className="size-4" /> Compare with baseline (run #{baseline.id})
          </Link>
        ) : null}
        {canMark ? <MarkBaselineButton id={run.id} feature={run.feature} mark={markBaselineAction} /> : null}
      </div>

      <section aria-labelledby="failed-title" className="flex flex-col gap-2">
        <h2 id="failed-title" className="text-lg font-semibold">
          Failed cases <span className="text-sm font-normal text-muted">({failing.length})</span>
        </h2>
        {failing.length === 0 ? (
          <p className="rounded-lg border border-border bg-panel p-3 text-sm text-ok">✓ Every case passed.</p>
        ) : null}
        {shownFailing.map((c) => (
          <CaseResult key={c.name} {...c} />
        ))}
      </section>

      <section aria-labelledby="passed-title" className="flex flex-col gap-2">
        <h2 id="passed-title" className="text-lg font-semibold">
          Passed cases{' '}
          <span className="text-sm font-normal text-muted">({passing.length}, closed: tap one to open it)</span>
        </h2>
        {shownPassing.map((c) => (
          <CaseResult key={c.name} {...c} />
        ))}
        {hidden > 0 ? (
          <p className="text-sm text-muted">
            {hidden} more cases are not shown here; <code>GET /api/v1/eval-runs/{run.id}</code> answers every result.
          </p>
        ) : null}
      </section>
    </div>
  );
}
