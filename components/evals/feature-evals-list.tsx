// Every feature with eval runs, worst first: its latest pass rate and verdict, the trend of its
// recent runs, and its baseline.
import Link from 'next/link';
import { PassRateSparkline } from '@/components/charts/pass-rate-sparkline';
import { evalRunPath, featureEvalsPath } from '@/lib/evals/links';
import type { RunVerdict } from '@/lib/evals/run-verdict';
import { formatCount, formatPercent } from '@/lib/format/numbers';
import { BaselineTag, VerdictBadge } from './verdict-badge';

export interface FeatureEvalsView {
  feature: string;
  featureName: string | null;
  runs: number;
  verdict: RunVerdict;
  latest: {
    id: number;
    when: string;
    passRate: number;
    passed: number;
    total: number;
    threshold: number | null;
    isBaseline: boolean;
  };
  baseline: { id: number; passRate: number; when: string } | null;
  trend: { passRate: number }[];
}

export function FeatureEvalsList({ features }: { features: FeatureEvalsView[] }) {
  return (
    <ul
      className="flex flex-col divide-y divide-border rounded-lg border border-border bg-panel"
      aria-label="Features with eval runs, worst first"
    >
      {features.map((f) => (
        <li
          key={f.feature}
          data-feature={f.feature}
          className="grid gap-2 p-3 md:grid-cols-[minmax(0,1.4fr)_8rem_minmax(0,1fr)_minmax(0,1fr)] md:items-center md:gap-4"
        >
          <div className="flex min-w-0 flex-col gap-1">
            <Link
              href={featureEvalsPath(f.feature)}
              className="inline-flex min-h-11 items-center break-all font-mono font-semibold text-accent underline-offset-2 hover:underline md:min-h-0"
            >
              {f.feature}
            </Link>
            {f.featureName ? <span className="text-xs text-muted">{f.featureName}</span> : null}
            <div className="flex flex-wrap items-center gap-2">
              <VerdictBadge verdict={f.verdict} />
            </div>
          </div>
          <div className="tabular flex items-baseline gap-2 md:flex-col md:items-start md:gap-0">
            <span className={`text-2xl font-semibold ${f.verdict === 'below_threshold' ? 'text-bad' : ''}`}>
              {formatPercent(f.latest.passRate)}
            </span>
            <span className="text-xs text-muted">
              latest · {formatCount(f.latest.passed)} of {formatCount(f.latest.total)}
              {f.latest.threshold !== null ? ` · threshold ${formatPercent(f.latest.threshold)}` : ''}
            </span>
          </div>
          <div className="flex min-w-0 flex-col gap-0.5">
            <PassRateSparkline
              data={f.trend}
              threshold={f.latest.threshold}
              label={`Pass rate of the last ${f.trend.length} runs: ${f.trend.map((t) => formatPercent(t.passRate)).join(', ')}.`}
            />
            <span className="text-xs text-muted">
              last {f.trend.length} of {formatCount(f.runs)} runs
            </span>
          </div>
          <div className="tabular flex min-w-0 flex-col gap-1 text-sm">
            <Link
              href={evalRunPath(f.latest.id)}
              className="inline-flex min-h-11 items-center text-accent underline-offset-2 hover:underline md:min-h-0"
            >
              Latest run #{f.latest.id}
            </Link>
            <span className="text-xs text-muted">{f.latest.when}</span>
            {f.baseline ? (
              <span className="flex flex-wrap items-center gap-1 text-xs text-muted">
                <BaselineTag />
                {formatPercent(f.baseline.passRate)} ·{' '}
                <Link href={evalRunPath(f.baseline.id)} className="text-accent underline-offset-2 hover:underline">
                  run #{f.baseline.id}
                </Link>
              </span>
            ) : (
              <span className="text-xs text-muted">No baseline marked</span>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
