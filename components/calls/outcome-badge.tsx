import { CircleCheck, CircleX } from 'lucide-react';
import { Badge } from '@/components/ui/badge';

/** Outcome as a word, an icon and a colour (colour is never the only signal), with the error type. */
export function OutcomeBadge({ outcome, errorType }: { outcome: 'ok' | 'error'; errorType: string | null }) {
  if (outcome === 'ok') {
    return (
      <Badge tone="ok" icon={CircleCheck}>
        OK
      </Badge>
    );
  }
  return (
    <Badge tone="bad" icon={CircleX}>
      ERROR{errorType ? ` · ${errorType.replace('_', ' ')}` : ''}
    </Badge>
  );
}
