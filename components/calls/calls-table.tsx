// Desktop layout: one row per call; the whole row opens the call's detail.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { CallTime, costText, latencyText, routeText, tokensText } from './call-figures';
import { OutcomeBadge } from './outcome-badge';
import type { CallListProps } from './types';

const th = 'px-3 py-2 text-left text-xs font-semibold text-muted';
const td = 'px-3 py-2 align-middle';
const num = `${td} text-right whitespace-nowrap`;

export function CallsTable({ calls, now, hrefOf }: CallListProps) {
  const router = useRouter();
  return (
    <div className="hidden overflow-x-auto rounded-lg border border-border bg-panel md:block">
      <table className="tabular w-full border-collapse text-sm">
        <caption className="sr-only">Calls, newest first</caption>
        <thead className="border-b border-border">
          <tr>
            <th scope="col" className={th}>
              Time (UTC)
            </th>
            <th scope="col" className={th}>
              Feature
            </th>
            <th scope="col" className={th}>
              Model
            </th>
            <th scope="col" className={th}>
              Route
            </th>
            <th scope="col" className={th}>
              Outcome
            </th>
            <th scope="col" className={`${th} text-right`}>
              Latency
            </th>
            <th scope="col" className={`${th} text-right`}>
              Tokens (in → out)
            </th>
            <th scope="col" className={`${th} text-right`}>
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr
              key={call.id}
              data-call={call.id}
              onClick={() => router.push(hrefOf(call.id), { scroll: false })}
              className="cursor-pointer border-b border-border last:border-b-0 hover:bg-bg"
            >
              <td className={td}>
                <Link
                  href={hrefOf(call.id)}
                  scroll={false}
                  onClick={(e) => e.stopPropagation()}
                  className="block rounded-sm"
                  aria-label={`Open call ${call.id}`}
                >
                  <CallTime call={call} now={now} />
                </Link>
              </td>
              <td className={`${td} font-medium`}>{call.feature}</td>
              <td className={`${td} max-w-48 truncate`} title={call.model}>
                {call.model}
              </td>
              <td className={td}>{routeText(call)}</td>
              <td className={td}>
                <OutcomeBadge outcome={call.outcome} errorType={call.errorType} />
              </td>
              <td className={num}>{latencyText(call)}</td>
              <td className={num}>{tokensText(call)}</td>
              <td className={num}>{costText(call)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
