import {
  CircleCheck,
  CircleDashed,
  CircleX,
  Flame,
  OctagonX,
  PowerOff,
  TriangleAlert,
  type LucideIcon,
} from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { STATUS_THRESHOLDS, type FeatureStatus } from '@/lib/status/feature-status';
import { BURNING_BUDGET_LEVEL } from '@/lib/slo/evaluate';

const pct = (share: number) => `${share * 100}%`;

const STATUS: Record<FeatureStatus, { word: string; icon: LucideIcon; tone: BadgeTone; title: string }> = {
  killed: {
    word: 'KILLED',
    icon: PowerOff,
    tone: 'killed',
    title: 'The kill switch is on: applications serve their fallback and do not call the model.',
  },
  breached: {
    word: 'BREACHED',
    icon: OctagonX,
    tone: 'bad',
    title: 'An SLO has spent its error budget, or burns it fast enough to page.',
  },
  burning: {
    word: 'BURNING',
    icon: Flame,
    tone: 'warn',
    title: `An SLO burns its error budget fast enough for a ticket, or has less than ${pct(BURNING_BUDGET_LEVEL)} of it left.`,
  },
  failing: {
    word: 'FAILING',
    icon: CircleX,
    tone: 'bad',
    title: `At least ${pct(STATUS_THRESHOLDS.failing)} of calls failed in the window.`,
  },
  degraded: {
    word: 'DEGRADED',
    icon: TriangleAlert,
    tone: 'warn',
    title: `At least ${pct(STATUS_THRESHOLDS.degraded)} of calls failed in the window.`,
  },
  healthy: {
    word: 'HEALTHY',
    icon: CircleCheck,
    tone: 'ok',
    title: `Fewer than ${pct(STATUS_THRESHOLDS.degraded)} of calls failed in the window.`,
  },
  no_traffic: {
    word: 'NO TRAFFIC',
    icon: CircleDashed,
    tone: 'neutral',
    title: 'No calls in the window.',
  },
};

/** Status as a word, an icon and a colour: colour is never the only signal. */
export function StatusBadge({ status }: { status: FeatureStatus }) {
  const { word, icon, tone, title } = STATUS[status];
  return (
    <Badge tone={tone} icon={icon} title={title}>
      {word}
    </Badge>
  );
}
