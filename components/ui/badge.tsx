// The one status pill: a tone, an icon and a word, so that colour is never the only signal.
// Feature components map their states (status, severity, verdict, outcome…) onto it.
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

export type BadgeTone = 'ok' | 'warn' | 'bad' | 'killed' | 'neutral' | 'accent';

const TONES: Record<BadgeTone, string> = {
  ok: 'bg-ok-bg text-ok',
  warn: 'bg-warn-bg text-warn',
  bad: 'bg-bad-bg text-bad',
  killed: 'bg-killed-bg text-killed',
  neutral: 'border border-border bg-bg text-muted',
  accent: 'border border-accent text-accent',
};

const SIZES = {
  sm: { pill: 'gap-1 px-2 py-0.5 text-xs', icon: 'size-3.5' },
  lg: { pill: 'gap-1.5 px-3 py-1 text-sm', icon: 'size-4' },
};

export interface BadgeProps {
  tone: BadgeTone;
  /** Drawn before the label and hidden from screen readers: the label says the same. */
  icon?: LucideIcon;
  /** The longer explanation shown on hover. */
  title?: string;
  /** Default `sm`; `lg` for the one state a card is about. */
  size?: keyof typeof SIZES;
  children: ReactNode;
}

export function Badge({ tone, icon: Icon, title, size = 'sm', children }: BadgeProps) {
  const { pill, icon } = SIZES[size];
  return (
    <span
      title={title}
      className={`inline-flex items-center whitespace-nowrap rounded-full font-bold tracking-wide ${pill} ${TONES[tone]}`}
    >
      {Icon ? <Icon aria-hidden className={icon} strokeWidth={2.5} /> : null}
      {children}
    </span>
  );
}
