// Says so when the dashboards read from a replica that is behind or away (docs/scaling.md), so
// that figures a few seconds old never pass for live ones.
import { History } from 'lucide-react';
import { replicaWorthShowing, type ReplicaStatus } from '@/lib/replica/replica-lag';
import { formatDuration } from '@/lib/format/time';

export function ReplicaLagNotice({ replica }: { replica: ReplicaStatus | null }) {
  if (!replicaWorthShowing(replica)) return null;
  const behind = replica.lagSeconds === null ? null : formatDuration(replica.lagSeconds * 1000);
  let text: string;
  if (!replica.reachable) text = 'The read replica does not answer; these figures come from the primary.';
  else if (replica.readsFrom === 'primary')
    text = `The read replica is ${behind} behind; these figures come from the primary until it catches up.`;
  else text = `The read replica is ${behind} behind: calls and flips of the last ${behind} may not show yet.`;
  return (
    <div
      role="status"
      className="flex items-start gap-2 rounded-md border border-warn bg-warn-bg p-3 text-sm text-warn"
    >
      <History aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>{text}</span>
    </div>
  );
}
