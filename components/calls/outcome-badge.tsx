import { CircleCheck, CircleX } from 'lucide-react';

/** Outcome as a word, an icon and a colour (colour is never the only signal), with the error type. */
export function OutcomeBadge({ outcome, errorType }: { outcome: 'ok' | 'error'; errorType: string | null }) {
  if (outcome === 'ok') {
    return (
      <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-ok-bg px-2 py-0.5 text-xs font-bold text-ok">
        <CircleCheck aria-hidden className="size-3.5" strokeWidth={2.5} />
        OK
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-bad-bg px-2 py-0.5 text-xs font-bold text-bad">
      <CircleX aria-hidden className="size-3.5" strokeWidth={2.5} />
      ERROR{errorType ? ` · ${errorType.replace('_', ' ')}` : ''}
    </span>
  );
}
