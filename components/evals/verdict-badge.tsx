import { CircleCheck, CircleDashed, OctagonX, TrendingDown, type LucideIcon } from 'lucide-react';
import type { RunVerdict } from '@/lib/evals/run-verdict';

const VERDICT: Record<RunVerdict, { word: string; icon: LucideIcon; className: string; title: string }> = {
  below_threshold: { word: 'BELOW THRESHOLD', icon: OctagonX, className: 'bg-bad-bg text-bad', title: 'The pass rate is below the eval set’s threshold: CI failed this run.' },
  below_baseline: { word: 'BELOW BASELINE', icon: TrendingDown, className: 'bg-warn-bg text-warn', title: 'The pass rate is below the baseline run’s.' },
  passing: { word: 'PASSING', icon: CircleCheck, className: 'bg-ok-bg text-ok', title: 'At or above the threshold and the baseline.' },
  unjudged: { word: 'NO THRESHOLD', icon: CircleDashed, className: 'bg-bg text-muted border border-border', title: 'The run has no threshold and the feature no baseline to judge it by.' },
};

/** A run's verdict as a word, an icon and a colour: colour is never the only signal. */
export function VerdictBadge({ verdict }: { verdict: RunVerdict }) {
  const { word, icon: Icon, className, title } = VERDICT[verdict];
  return (
    <span title={title} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-bold tracking-wide ${className}`}>
      <Icon aria-hidden className="size-3.5" strokeWidth={2.5} />
      {word}
    </span>
  );
}

/** The run CI compares against. */
export function BaselineTag() {
  return (
    <span title="CI compares new runs of this feature against this one." className="inline-flex items-center gap-1 whitespace-nowrap rounded-full border border-accent px-2 py-0.5 text-xs font-bold tracking-wide text-accent">
      <span aria-hidden>◆</span> BASELINE
    </span>
  );
}

/** "PASS" / "FAIL" for one case or repeat. */
export function PassFail({ passed, label }: { passed: boolean; label?: string }) {
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-bold ${passed ? 'bg-ok-bg text-ok' : 'bg-bad-bg text-bad'}`}>
      <span aria-hidden>{passed ? '✓' : '✗'}</span>
      {label ?? (passed ? 'PASS' : 'FAIL')}
    </span>
  );
}
