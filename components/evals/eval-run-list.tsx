// A feature's runs, newest first: pass rate, verdict, where it came from, and links to open or
// compare it. One layout for every width: each run is a row that wraps on a phone.
import Link from 'next/link';
import { evalComparePath, evalRunPath } from '@/lib/evals/links';
import { formatCount, formatPercent } from '@/lib/format/numbers';
import { RunLabels } from './run-labels';
import type { EvalRunView } from './types';
import { BaselineTag, VerdictBadge } from './verdict-badge';

export function EvalRunList({ runs, baselineId }: { runs: EvalRunView[]; baselineId: number | null }) {
  return (
    <ol
      className="flex flex-col divide-y divide-border rounded-lg border border-border bg-panel"
      aria-label="Runs, newest first"
    >
      {runs.map((run) => (
        <li key={run.id} data-run={run.id} className="flex flex-col gap-1.5 p-3 sm:flex-row sm:items-center sm:gap-4">
          <div className="tabular flex items-baseline gap-2 sm:w-36 sm:flex-col sm:items-start sm:gap-0">
            <span className={`text-xl font-semibold ${run.verdict === 'below_threshold' ? 'text-bad' : ''}`}>
              {formatPercent(run.passRate)}
            </span>
            <span className="text-xs text-muted">
              {formatCount(run.passed)} of {formatCount(run.total)} passed
            </span>
          </div>
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <Link
                href={evalRunPath(run.id)}
                className="inline-flex min-h-11 items-center font-semibold text-accent underline-offset-2 hover:underline sm:min-h-0"
              >
                Run #{run.id}
                {run.name ? ` · ${run.name}` : ''}
              </Link>
              <VerdictBadge verdict={run.verdict} />
              {run.isBaseline ? <BaselineTag /> : null}
            </div>
            <p className="tabular text-xs text-muted">{run.when}</p>
            <RunLabels run={run} />
          </div>
          {baselineId !== null && !run.isBaseline ? (
            <Link
              href={evalComparePath(baselineId, run.id)}
              className="inline-flex min-h-11 items-center self-start text-sm text-accent underline-offset-2 hover:underline sm:self-center"
            >
              Compare with baseline
            </Link>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
