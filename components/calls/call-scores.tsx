// The scores sent after a call (POST /api/v1/scores, the SDK's score(), OTLP evaluation events),
// oldest first: the last one is the call's score.
import { formatUtc } from '@/lib/format/time';
import type { CallDetail } from './types';

export function CallScores({ scores }: { scores: CallDetail['scores'] }) {
  if (scores.length === 0) {
    return (
      <p className="text-sm text-muted">
        None sent after the call. Send one with POST /api/v1/scores or the SDK’s score().
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-2 text-sm">
      {scores.map((s) => (
        <li key={s.name} className="rounded-md border border-border p-2">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span>
              <span className="font-mono">{s.name}</span> <span className="tabular font-semibold">{s.value}</span>
              {s.source ? <span className="text-muted"> · {s.source}</span> : null}
            </span>
            <span className="text-xs text-muted">{formatUtc(s.updatedAt, { seconds: true })}</span>
          </div>
          {s.comment ? <p className="mt-1 break-words text-muted">{s.comment}</p> : null}
        </li>
      ))}
    </ul>
  );
}
