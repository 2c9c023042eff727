import Link from 'next/link';
import { CaseDiff, CHANGE_WORDS } from '@/components/evals/case-diff';
import { BackLink } from '@/components/ui/back-link';
import { getDb } from '@/db';
import { findEvalRun, listEvalResults, type EvalRunRow } from '@/db/queries/eval-runs';
import { requirePageUser } from '@/lib/auth/page-user';
import { toEvalResultJson } from '@/lib/evals/eval-run-json';
import { evalRunPath, featureEvalsPath } from '@/lib/evals/links';
import { CASE_CHANGES, countChanges, diffRuns } from '@/lib/evals/run-diff';
import { formatPercent } from '@/lib/format/numbers';
import { formatWhen } from '@/lib/format/time';
import { EvalCompareQuerySchema } from '@/lib/validations/eval-runs-query';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Compare eval runs' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function loadRun(id: number) {
  const db = await getDb();
  const run = await findEvalRun(db, id);
  return run ? { run, results: (await listEvalResults(db, id)).map(toEvalResultJson), readAt: Date.now() } : null;
}

function Problem({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div role="alert" className="flex flex-col gap-2 rounded-md border border-bad bg-bad-bg p-4 text-sm text-bad">
      <h1 className="text-lg font-semibold">{title}</h1>
      <ul className="list-disc pl-5">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <Link href="/evals" className="font-semibold underline">
        Open the evals
      </Link>
    </div>
  );
}

const runLabel = (role: string, run: EvalRunRow) => `${role}: run #${run.id}${run.isBaseline ? ' (baseline)' : ''}`;

export default async function CompareRunsPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser();
  const query = EvalCompareQuerySchema.safeParse(await searchParams);
  if (!query.success) {
    return (
      <Problem
        title="This comparison link is not complete"
        lines={query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)}
      />
    );
  }
  const [base, head] = await Promise.all([loadRun(query.data.base), loadRun(query.data.head)]);
  if (!base || !head) {
    return (
      <Problem
        title="A run of this comparison does not exist"
        lines={[
          !base ? `There is no run #${query.data.base}.` : null,
          !head ? `There is no run #${query.data.head}.` : null,
        ].filter((l): l is string => l !== null)}
      />
    );
  }
  const diffs = diffRuns(base.results, head.results);
  const counts = countChanges(diffs);
  const delta = head.run.passRate - base.run.passRate;
  const now = head.readAt;
  const baseLabel = runLabel('Before', base.run);
  const headLabel = runLabel('After', head.run);

  return (
    <div className="flex flex-col gap-5">
      <header className="flex flex-col gap-1">
        <BackLink href={featureEvalsPath(head.run.feature)}>{head.run.feature} evals</BackLink>
        <h1 className="text-2xl font-semibold">
          Run #{head.run.id} <span className="font-normal text-muted">against</span> #{base.run.id}
        </h1>
        {base.run.feature !== head.run.feature ? (
          <p role="note" className="rounded-md border border-warn bg-warn-bg p-2 text-sm text-warn">
            These runs are of different features ({base.run.feature} and {head.run.feature}): cases are matched by name
            only.
          </p>
        ) : null}
      </header>

      <dl className="tabular grid grid-cols-2 gap-2 sm:grid-cols-3">
        <div role="group" aria-label="Before" className="flex flex-col rounded-lg border border-border bg-panel p-3">
          <dt className="text-xs font-medium text-muted">{baseLabel}</dt>
          <dd className="text-2xl font-semibold">{formatPercent(base.run.passRate)}</dd>
          <dd className="text-xs text-muted">
            <Link href={evalRunPath(base.run.id)} className="text-accent underline-offset-2 hover:underline">
              {formatWhen(base.run.startedAt, now)}
            </Link>
          </dd>
        </div>
        <div role="group" aria-label="After" className="flex flex-col rounded-lg border border-border bg-panel p-3">
          <dt className="text-xs font-medium text-muted">{headLabel}</dt>
          <dd className={`text-2xl font-semibold ${delta < 0 ? 'text-bad' : ''}`}>
            {formatPercent(head.run.passRate)}
          </dd>
          <dd className="text-xs text-muted">
            <Link href={evalRunPath(head.run.id)} className="text-accent underline-offset-2 hover:underline">
              {formatWhen(head.run.startedAt, now)}
            </Link>
          </dd>
        </div>
        <div
          role="group"
          aria-label="Change"
          className="col-span-2 flex flex-col rounded-lg border border-border bg-panel p-3 sm:col-span-1"
        >
          <dt className="text-xs font-medium text-muted">Change in pass rate</dt>
          <dd className={`text-2xl font-semibold ${delta < 0 ? 'text-bad' : delta > 0 ? 'text-ok' : ''}`}>
            {delta === 0 ? '±0 points' : `${delta > 0 ? '+' : '−'}${(Math.abs(delta) * 100).toFixed(1)} points`}
          </dd>
          <dd className="text-xs text-muted">
            {CASE_CHANGES.map((c) => `${counts[c]} ${CHANGE_WORDS[c].title.toLowerCase()}`).join(' · ')}
          </dd>
        </div>
      </dl>

      {CASE_CHANGES.map((change) => {
        const cases = diffs.filter((d) => d.change === change);
        if (cases.length === 0 && change !== 'regressed') return null;
        return (
          <section key={change} aria-labelledby={`${change}-title`} className="flex flex-col gap-2">
            <h2 id={`${change}-title`} className="text-lg font-semibold">
              {CHANGE_WORDS[change].title} <span className="text-sm font-normal text-muted">({cases.length})</span>
            </h2>
            {cases.length === 0 ? (
              <p className="rounded-lg border border-border bg-panel p-3 text-sm text-ok">
                ✓ {CHANGE_WORDS[change].empty}
              </p>
            ) : null}
            {cases.map((d) => (
              <CaseDiff key={d.name} {...d} baseLabel={baseLabel} headLabel={headLabel} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
