import { CircleCheck, PowerOff } from 'lucide-react';

/** KILLED or LIVE: a word and an icon with the colour, never the colour alone. */
export function StateBadge({ killed }: { killed: boolean }) {
  return killed ? (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-killed-bg px-3 py-1 text-sm font-bold tracking-wide text-killed">
      <PowerOff aria-hidden className="size-4" />
      KILLED
    </span>
  ) : (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-ok-bg px-3 py-1 text-sm font-bold tracking-wide text-ok">
      <CircleCheck aria-hidden className="size-4" />
      LIVE
    </span>
  );
}
