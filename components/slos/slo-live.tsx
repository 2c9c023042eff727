// One SLO as it stands now, from the health API's own answer (lib/status/health-json.ts): the SLI
// against its objective, the error budget left as a bar, each alert rule's burn rates against its
// threshold, the time to exhaustion and the alerts firing.
import { SLO_STATE_CLASS } from '@/components/overview/figures';
import { Badge } from '@/components/ui/badge';
import { formatBurnRate } from '@/lib/alerts/values';
import { formatCount, formatPercent } from '@/lib/format/numbers';
import { formatDuration, formatUtcDateTime } from '@/lib/format/time';
import type { HealthJson } from '@/lib/status/health-json';

export type LiveSlo = HealthJson['slos'][number];

const RULE_STATE: Record<LiveSlo['rules'][number]['state'], { word: string; className: string }> = {
  firing: { word: 'firing', className: 'font-semibold text-bad' },
  ok: { word: 'ok', className: 'text-ok' },
  low_traffic: { word: 'too few errors', className: 'text-muted' },
  no_data: { word: 'no calls', className: 'text-muted' },
};

const rate = (r: number | null) => (r === null ? '–' : formatBurnRate(r));

export function SloLive({ slo }: { slo: LiveSlo }) {
  const remaining = slo.errorBudgetRemaining;
  const budgetWord =
    remaining === null ? 'no events yet' : remaining <= 0 ? 'exhausted' : `${formatPercent(remaining)} left`;
  const exhaustion =
    slo.timeToExhaustionMs === null
      ? 'Not burning over the last hour'
      : slo.timeToExhaustionMs === 0
        ? 'Spent: every further bad event is over the objective'
        : `Runs out in ${formatDuration(slo.timeToExhaustionMs)} at the last hour’s rate`;
  return (
    <div aria-label={`${slo.name} now`} className="tabular flex flex-col gap-3 text-sm">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4">
        <div>
          <dt className="text-xs text-muted">Now ({slo.window})</dt>
          <dd className={`font-semibold ${SLO_STATE_CLASS[slo.state]}`}>
            {slo.compliance === null ? 'no data' : formatPercent(slo.compliance)}{' '}
            <span className="font-normal text-muted">/ {formatPercent(slo.objective)}</span>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted">Events</dt>
          <dd>
            {formatCount(slo.events.bad)} bad of {formatCount(slo.events.total)}
          </dd>
        </div>
        <div className="col-span-2">
          <dt className="text-xs text-muted">Error budget</dt>
          <dd className="flex items-center gap-2">
            <BudgetBar remaining={remaining} />
            <span
              className={`whitespace-nowrap ${remaining !== null && remaining <= 0 ? 'font-semibold text-bad' : ''}`}
            >
              {budgetWord}
            </span>
          </dd>
          <dd className="text-xs text-muted">{exhaustion}</dd>
        </div>
      </dl>
      <table className="w-full border-collapse text-left text-xs">
        <caption className="sr-only">Alert rules of {slo.name}: burn rates against their thresholds</caption>
        <thead className="text-muted">
          <tr>
            <th scope="col" className="py-1 pr-2 font-medium">
              Rule
            </th>
            <th scope="col" className="py-1 pr-2 text-right font-medium">
              Long
            </th>
            <th scope="col" className="py-1 pr-2 text-right font-medium">
              Short
            </th>
            <th scope="col" className="py-1 pr-2 text-right font-medium">
              Threshold
            </th>
            <th scope="col" className="py-1 font-medium">
              State
            </th>
          </tr>
        </thead>
        <tbody>
          {slo.rules.map((rule) => (
            <tr key={rule.name} className="border-t border-border">
              <th scope="row" className="py-1 pr-2 font-normal whitespace-nowrap">
                {rule.severity} · {rule.long.window} + {rule.short.window}
              </th>
              <td className="py-1 pr-2 text-right">{rate(rule.long.burnRate)}</td>
              <td className="py-1 pr-2 text-right">{rate(rule.short.burnRate)}</td>
              <td className="py-1 pr-2 text-right">{formatBurnRate(rule.threshold)}</td>
              <td className={`py-1 ${RULE_STATE[rule.state].className}`}>{RULE_STATE[rule.state].word}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {slo.alerts.length > 0 ? (
        <ul aria-label={`Alerts firing for ${slo.name}`} className="flex flex-wrap gap-2">
          {slo.alerts.map((alert) => (
            <li key={alert.severity}>
              <Badge tone="bad">
                <span className="uppercase">
                  {alert.severity} firing since {formatUtcDateTime(alert.since)}
                </span>
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The budget left as a bar: full at 100 %, empty (and red) when spent; dashed without events. */
function BudgetBar({ remaining }: { remaining: number | null }) {
  const share = remaining === null ? 0 : Math.min(1, Math.max(0, remaining));
  const tone = remaining === null ? '' : remaining <= 0.25 ? (remaining <= 0 ? 'bg-bad' : 'bg-warn') : 'bg-ok';
  return (
    <span
      aria-hidden
      className={`relative block h-2 w-full max-w-48 overflow-hidden rounded-full ${remaining === null ? 'border border-dashed border-border' : 'bg-border/60'}`}
    >
      <span className={`absolute inset-y-0 left-0 ${tone}`} style={{ width: `${share * 100}%` }} />
    </span>
  );
}
