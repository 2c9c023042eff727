// The cells both overview layouts (table and cards) show, so the two never disagree.
import Link from 'next/link';
import { Power, PowerOff } from 'lucide-react';
import { Sparkline, describeSparkline } from '@/components/charts/sparkline';
import type { OverviewFeature } from '@/lib/overview/overview';
import { formatCount, formatLatencyEstimate, formatPercent, formatUsd } from '@/lib/format/numbers';
import { formatRelative, formatUtcDateTime, formatUtcTime } from '@/lib/format/time';

/** Where a feature's name leads: its page. */
export const featureHref = (key: string) => `/features/${encodeURIComponent(key)}`;

export function FeatureName({ feature }: { feature: OverviewFeature }) {
  return (
    <Link
      href={featureHref(feature.key)}
      className="inline-flex min-h-11 min-w-0 flex-col justify-center font-semibold text-text underline-offset-2 hover:underline"
    >
      {/* Whole in the desktop table; on a phone's card a long key wraps rather than widen the page. */}
      <span className="font-mono text-[0.95em] whitespace-nowrap max-md:wrap-anywhere max-md:whitespace-normal">
        {feature.key}
      </span>
      {feature.name && feature.name !== feature.key ? (
        <span className="text-xs font-normal text-muted">{feature.name}</span>
      ) : null}
    </Link>
  );
}

export function ErrorRate({ feature }: { feature: OverviewFeature }) {
  if (feature.errorRate === null) return <span className="text-muted">–</span>;
  return (
    <span className="flex flex-col">
      <span className={feature.errors ? 'font-semibold' : undefined}>{formatPercent(feature.errorRate)}</span>
      {feature.errors > 0 ? (
        <span className="text-xs text-muted">
          {formatCount(feature.errors)} {feature.errors === 1 ? 'error' : 'errors'}
        </span>
      ) : null}
    </span>
  );
}

export function Calls({ feature }: { feature: OverviewFeature }) {
  return <span>{formatCount(feature.calls)}</span>;
}

export function Latency({ feature }: { feature: OverviewFeature }) {
  return feature.p95LatencyMs === null ? (
    <span className="text-muted">–</span>
  ) : (
    <span>{formatLatencyEstimate(feature.p95LatencyMs)}</span>
  );
}

export function Cost({ feature }: { feature: OverviewFeature }) {
  return (
    <span className="flex flex-col">
      <span>{formatUsd(feature.costUsd)}</span>
      {feature.uncostedCalls > 0 ? (
        <span
          className="text-xs text-muted"
          title="Calls whose model has no price in the price table are not included."
        >
          +{formatCount(feature.uncostedCalls)} unpriced
        </span>
      ) : null}
    </span>
  );
}

/**
 * The switch as the server last confirmed it. `asOf` is when the data was read (times on the same
 * day drop the date); `now` is null until the browser has a clock (no relative time on the server).
 */
export function SwitchState({ feature, asOf, now }: { feature: OverviewFeature; asOf: string; now: number | null }) {
  const { killed, reason, updatedAt } = feature.switch;
  const since = updatedAt
    ? updatedAt.slice(0, 10) === asOf.slice(0, 10)
      ? formatUtcTime(updatedAt)
      : formatUtcDateTime(updatedAt)
    : null;
  if (!killed) {
    return (
      <span className="inline-flex items-center gap-1 text-ok">
        <Power aria-hidden className="size-4" />
        Live
      </span>
    );
  }
  return (
    <span className="flex flex-col gap-0.5">
      <span className="inline-flex items-center gap-1 font-semibold text-killed">
        <PowerOff aria-hidden className="size-4" />
        Killed
      </span>
      {since ? (
        <span className="text-xs text-muted">
          since <span className="whitespace-nowrap">{since}</span>
          {now !== null && updatedAt ? (
            <span className="whitespace-nowrap"> · {formatRelative(updatedAt, now)}</span>
          ) : null}
        </span>
      ) : null}
      {reason ? (
        <span className="line-clamp-3 text-xs text-muted md:line-clamp-2" title={reason}>
          “{reason}”
        </span>
      ) : null}
    </span>
  );
}

export const SLO_STATE_CLASS: Record<OverviewFeature['slos'][number]['state'], string> = {
  breached: 'text-bad',
  burning: 'text-warn',
  healthy: 'text-ok',
  no_data: 'text-muted',
};
const SLOS_SHOWN = 3;

/**
 * "· budget 50% left", "· budget exhausted" (none or less left), "–" without events. The word
 * "budget" leads so that the compliance before it ("98%") is never read as a share of the budget.
 */
function budgetLeft(remaining: number | null): string {
  if (remaining === null) return '· budget –';
  return remaining <= 0 ? '· budget exhausted' : `· budget ${formatPercent(remaining)} left`;
}

/** Each SLO's compliance and budget left, worst first; the first three, then how many more. */
export function SloList({ feature }: { feature: OverviewFeature }) {
  if (feature.slos.length === 0) return <span className="text-muted">No SLOs</span>;
  const hidden = feature.slos.length - SLOS_SHOWN;
  return (
    <ul className="flex flex-col gap-0.5 text-xs">
      {feature.slos.slice(0, SLOS_SHOWN).map((slo) => (
        <li
          key={slo.name}
          className="flex flex-wrap items-baseline gap-x-1.5"
          title={`${slo.name} (${slo.sli}, objective ${formatPercent(slo.objective)}): ${slo.state.replace('_', ' ')}`}
        >
          {/* Whole words only: a name, a figure or "budget 35% left" never breaks inside. */}
          <span className="font-mono whitespace-nowrap max-md:wrap-anywhere max-md:whitespace-normal">{slo.name}</span>
          <span className={`font-semibold whitespace-nowrap ${SLO_STATE_CLASS[slo.state]}`}>
            {slo.state === 'no_data' ? 'no data' : formatPercent(slo.compliance)}
          </span>
          {slo.state === 'breached' || slo.state === 'burning' ? (
            <span className={`font-bold uppercase ${SLO_STATE_CLASS[slo.state]}`}>{slo.state}</span>
          ) : null}
          <span className="whitespace-nowrap text-muted">{budgetLeft(slo.budgetRemaining)}</span>
        </li>
      ))}
      {hidden > 0 ? <li className="text-muted">+{hidden} more</li> : null}
    </ul>
  );
}

function SpendLine({ label, spent, limit }: { label: string; spent: number; limit: number | null }) {
  const ratio = limit ? spent / limit : null;
  const tone =
    ratio === null ? '' : ratio >= 1 ? 'font-semibold text-bad' : ratio >= 0.8 ? 'font-semibold text-warn' : '';
  return (
    <span className="whitespace-nowrap">
      <span className="text-muted">{label} </span>
      <span className={tone}>{formatUsd(spent)}</span>
      {limit ? <span className="text-muted"> / {formatUsd(limit)}</span> : null}
    </span>
  );
}

/** Spend today and this month (UTC) against the daily and monthly budgets. */
export function Spend({ feature }: { feature: OverviewFeature }) {
  const { todayUsd, dailyUsd, monthUsd, monthlyUsd } = feature.spend;
  return (
    <span className="flex flex-col text-xs">
      <SpendLine label="today" spent={todayUsd} limit={dailyUsd} />
      <SpendLine label="month" spent={monthUsd} limit={monthlyUsd} />
    </span>
  );
}

/** The feature's calls and errors per hour; a quiet placeholder of the same size until they are read. */
export function HourlyChart({ hourly, height = 32 }: { hourly: OverviewFeature['hourly']; height?: number }) {
  if (!hourly)
    return (
      <div aria-label="Hourly calls loading" className="w-full animate-pulse rounded bg-border/40" style={{ height }} />
    );
  return <Sparkline data={hourly} label={describeSparkline(hourly)} height={height} />;
}
