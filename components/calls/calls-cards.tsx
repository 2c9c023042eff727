// Phone layout: one card per call, the whole card a link to its detail.
import Link from 'next/link';
import { CallTime, costText, latencyText, routeText, tokensText } from './call-figures';
import { OutcomeBadge } from './outcome-badge';
import type { CallListProps } from './types';

export function CallsCards({ calls, now, hrefOf }: CallListProps) {
  return (
    <ul className="flex flex-col gap-2 md:hidden">
      {calls.map((call) => (
        <li key={call.id} data-call={call.id}>
          <Link
            href={hrefOf(call.id)}
            scroll={false}
            className="tabular flex flex-col gap-1.5 rounded-lg border border-border bg-panel p-3 text-sm hover:bg-bg"
          >
            <span className="flex items-start justify-between gap-2">
              <span className="font-semibold">{call.feature}</span>
              <OutcomeBadge outcome={call.outcome} errorType={call.errorType} />
            </span>
            <span className="text-muted">
              <CallTime call={call} now={now} />
            </span>
            <span className="truncate">
              {call.model} · {routeText(call)}
            </span>
            <span className="flex flex-wrap gap-x-4 text-muted">
              {[latencyText(call), tokensText(call), costText(call)]
                .filter((figure) => figure !== '–')
                .map((figure) => (
                  <span key={figure}>{figure}</span>
                ))}
            </span>
            {call.promptSnippet ? <span className="line-clamp-2 text-xs text-muted">{call.promptSnippet}</span> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
