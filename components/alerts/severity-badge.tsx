import { Info, Siren, Ticket, type LucideIcon } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { Severity } from '@/lib/alerts/severity';

const SEVERITY: Record<Severity, { word: string; icon: LucideIcon; tone: BadgeTone }> = {
  page: { word: 'PAGE', icon: Siren, tone: 'bad' },
  ticket: { word: 'TICKET', icon: Ticket, tone: 'warn' },
  info: { word: 'INFO', icon: Info, tone: 'neutral' },
};

/** Severity as a word and an icon, not only a colour. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const { word, icon, tone } = SEVERITY[severity];
  return (
    <Badge tone={tone} icon={icon}>
      {word}
    </Badge>
  );
}
