import { CircleCheck, CircleDashed, CircleX, Flame, OctagonX, PowerOff, TriangleAlert, type LucideIcon } from 'lucide-react';
import { STATUS_THRESHOLDS, type FeatureStatus } from '@/lib/status/feature-status';
import { BURNING_BUDGET_LEVEL } from '@/lib/slo/evaluate';

const pct = (share: number) => `${share * 100}%`;

const STATUS: Record<FeatureStatus, { word: string; icon: LucideIcon; className: string; title: string }> = {
  killed: {
    word: 'KILLED',
    icon: PowerOff,
    className: 'bg-killed-bg text-killed',
    title: 'The kill switch is on: applications serve their fallback and do not call the model.',
  },
  breached: {
    word: 'BREACHED',
    icon: OctagonX,
    className: 'bg-bad-bg text-bad',
    title: 'An SLO has spent its error budget, or burns it fast enough to page.',
  },
  burning: {
    word: 'BURNING',
    icon: Flame,
    className: 'bg-warn-bg text-warn',
    title: `An SLO burns its error budget fast enough for a ticket, or has less than ${pct(BURNING_BUDGET_LEVEL)} of it left.`,
  },
  failing: {
    word: 'FAILING',
    icon: CircleX,
    className: 'bg-bad-bg text-bad',
    title: `At least ${pct(STATUS_THRESHOLDS.failing)} of calls failed in the window.`,
  },
  degraded: {
    word: 'DEGRADED',
    icon: TriangleAlert,
    className: 'bg-warn-bg text-warn',
    title: `At least ${pct(STATUS_THRESHOLDS.degraded)} of calls failed in the window.`,
  },
  healthy: {
    word: 'HEALTHY',
    icon: CircleCheck,
    className: 'bg-ok-bg text-ok',
    title: `Fewer than ${pct(STATUS_THRESHOLDS.degraded)} of calls failed in the window.`,
  },
  no_traffic: {
    word: 'NO TRAFFIC',
    icon: CircleDashed,
    className: 'bg-bg text-muted border border-border',
    title: 'No calls in the window.',
  },
};

/** Status as a word, an icon and a colour: colour is never the only signal. */
export function StatusBadge({ status }: { status: FeatureStatus }) {
  const { word, icon: Icon, className, title } = STATUS[status];
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-bold tracking-wide ${className}`}
    >
      <Icon aria-hidden className="size-3.5" strokeWidth={2.5} />
      {word}
    </span>
  );
}
