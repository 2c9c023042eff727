// A run's big numbers: pass rate against the threshold, cases passed, and the baseline's rate.
import Link from 'next/link';
import { evalRunPath } from '@/lib/evals/links';
import { formatCount, formatPercent } from '@/lib/format/numbers';
import type { EvalRunView } from './types';

export function RunFigures({ run, baseline }: { run: EvalRunView; baseline: { id: number; passRate: number } | null }) {
  const belowThreshold = run.threshold !== null && run.passRate < run.threshold;
  const belowBaseline = baseline !== null && run.passRate < baseline.passRate;
  return (
    <dl className="tabular grid grid-cols-2 gap-2 sm:grid-cols-4">
      <div role="group" aria-label="Pass rate" className="flex flex-col rounded-lg border border-border bg-panel p-3">
        <dt className="text-xs font-medium text-muted">Pass rate</dt>
        <dd className={`text-2xl font-semibold ${belowThreshold ? 'text-bad' : ''}`}>{formatPercent(run.passRate)}</dd>
        <dd className="text-xs text-muted">weighted by case</dd>
      </div>
      <div role="group" aria-label="Threshold" className="flex flex-col rounded-lg border border-border bg-panel p-3">
        <dt className="text-xs font-medium text-muted">Threshold</dt>
        <dd className="text-2xl font-semibold">{formatPercent(run.threshold)}</dd>
        <dd className={`text-xs ${belowThreshold ? 'font-semibold text-bad' : 'text-muted'}`}>
          {run.threshold === null ? 'the set names none' : belowThreshold ? 'below: CI failed' : 'met'}
        </dd>
      </div>
      <div
        role="group"
        aria-label="Results passed"
        className="flex flex-col rounded-lg border border-border bg-panel p-3"
      >
        <dt className="text-xs font-medium text-muted">Results passed</dt>
        <dd className="text-2xl font-semibold">
          {formatCount(run.passed)}{' '}
          <span className="text-base font-normal text-muted">of {formatCount(run.total)}</span>
        </dd>
        <dd className={`text-xs ${run.total > run.passed ? 'text-bad' : 'text-muted'}`}>
          {formatCount(run.total - run.passed)} failed
        </dd>
      </div>
      <div role="group" aria-label="Baseline" className="flex flex-col rounded-lg border border-border bg-panel p-3">
        <dt className="text-xs font-medium text-muted">Baseline</dt>
        <dd className={`text-2xl font-semibold ${belowBaseline ? 'text-warn' : ''}`}>
          {baseline ? formatPercent(baseline.passRate) : '–'}
        </dd>
        <dd className="text-xs text-muted">
          {baseline === null ? (
            'none marked yet'
          ) : baseline.id === run.id ? (
            'this run'
          ) : (
            <Link href={evalRunPath(baseline.id)} className="text-accent underline-offset-2 hover:underline">
              run #{baseline.id}
            </Link>
          )}
        </dd>
      </div>
    </dl>
  );
}
