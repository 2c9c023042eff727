import { CircleCheck, CircleDashed, OctagonX, TrendingDown, type LucideIcon } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { RunVerdict } from '@/lib/evals/run-verdict';

const VERDICT: Record<RunVerdict, { word: string; icon: LucideIcon; tone: BadgeTone; title: string }> = {
  below_threshold: {
    word: 'BELOW THRESHOLD',
    icon: OctagonX,
    tone: 'bad',
    title: 'The pass rate is below the eval set’s threshold: CI failed this run.',
  },
  below_baseline: {
    word: 'BELOW BASELINE',
    icon: TrendingDown,
    tone: 'warn',
    title: 'The pass rate is below the baseline run’s.',
  },
  passing: { word: 'PASSING', icon: CircleCheck, tone: 'ok', title: 'At or above the threshold and the baseline.' },
  unjudged: {
    word: 'NO THRESHOLD',
    icon: CircleDashed,
    tone: 'neutral',
    title: 'The run has no threshold and the feature no baseline to judge it by.',
  },
};

/** A run's verdict as a word, an icon and a colour: colour is never the only signal. */
export function VerdictBadge({ verdict }: { verdict: RunVerdict }) {
  const { word, icon, tone, title } = VERDICT[verdict];
  return (
    <Badge tone={tone} icon={icon} title={title}>
      {word}
    </Badge>
  );
}

/** The run CI compares against. */
export function BaselineTag() {
  return (
    <Badge tone="accent" title="CI compares new runs of this feature against this one.">
      <span aria-hidden>◆</span> BASELINE
    </Badge>
  );
}

/** "PASS" / "FAIL" for one case or repeat. */
export function PassFail({ passed, label }: { passed: boolean; label?: string }) {
  return (
    <Badge tone={passed ? 'ok' : 'bad'}>
      <span aria-hidden>{passed ? '✓' : '✗'}</span>
      {label ?? (passed ? 'PASS' : 'FAIL')}
    </Badge>
  );
}
