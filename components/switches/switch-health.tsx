// A feature's last hour beside its switch: calls, error rate and p95, so a responder sees what
// they are about to kill (or restore) without leaving the page.
import { Activity } from 'lucide-react';
import type { RecentTraffic } from '@/lib/switches/recent-traffic';
import { formatCount, formatLatencyEstimate, formatPercent } from '@/lib/format/numbers';
import { STATUS_THRESHOLDS } from '@/lib/status/feature-status';

export function SwitchHealth({ traffic }: { traffic: RecentTraffic | undefined }) {
  if (!traffic || traffic.calls === 0) {
    return (
      <p className="flex items-center gap-1.5 text-sm text-muted">
        <Activity aria-hidden className="size-4" /> No calls in the last hour
      </p>
    );
  }
  const rate = traffic.errorRate ?? 0;
  const tone =
    rate >= STATUS_THRESHOLDS.failing
      ? 'font-semibold text-bad'
      : rate >= STATUS_THRESHOLDS.degraded
        ? 'font-semibold text-warn'
        : '';
  return (
    <dl className="tabular grid grid-cols-3 gap-2 rounded-md bg-bg p-2 text-sm" aria-label="Last hour">
      <div>
        <dt className="text-xs text-muted">Calls · 1 h</dt>
        <dd className="font-semibold">{formatCount(traffic.calls)}</dd>
      </div>
      <div>
        <dt className="text-xs text-muted">Errors</dt>
        <dd className={tone}>{formatPercent(traffic.errorRate)}</dd>
      </div>
      <div>
        <dt className="text-xs text-muted">p95</dt>
        <dd>{formatLatencyEstimate(traffic.p95LatencyMs)}</dd>
      </div>
    </dl>
  );
}
