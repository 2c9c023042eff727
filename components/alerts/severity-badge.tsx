import { Info, Siren, Ticket, type LucideIcon } from 'lucide-react';
import type { Severity } from '@/lib/alerts/severity';

const SEVERITY: Record<Severity, { word: string; icon: LucideIcon; className: string }> = {
  page: { word: 'PAGE', icon: Siren, className: 'bg-bad-bg text-bad' },
  ticket: { word: 'TICKET', icon: Ticket, className: 'bg-warn-bg text-warn' },
  info: { word: 'INFO', icon: Info, className: 'bg-bg text-muted border border-border' },
};

/** Severity as a word and an icon, not only a colour. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const { word, icon: Icon, className } = SEVERITY[severity];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-bold tracking-wide ${className}`}>
      <Icon aria-hidden className="size-3.5" strokeWidth={2.5} />
      {word}
    </span>
  );
}
