import { CircleCheck, PowerOff } from 'lucide-react';
import { Badge } from '@/components/ui/badge';

/** KILLED or LIVE: a word and an icon with the colour, never the colour alone. */
export function StateBadge({ killed }: { killed: boolean }) {
  return killed ? (
    <Badge tone="killed" icon={PowerOff} size="lg">
      KILLED
    </Badge>
  ) : (
    <Badge tone="ok" icon={CircleCheck} size="lg">
      LIVE
    </Badge>
  );
}
