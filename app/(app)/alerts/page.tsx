import { AlertFilters } from '@/components/alerts/alert-filters';
import { AlertHistory } from '@/components/alerts/alert-history';
import { FiringAlerts } from '@/components/alerts/firing-alerts';
import { NoAlerts } from '@/components/alerts/no-alerts';
import type { AlertView } from '@/components/alerts/types';
import { getDb } from '@/db';
import { listAlerts } from '@/db/queries/alerts';
import { listFeatureKeys } from '@/db/queries/features';
import type { AlertRow } from '@/lib/alerts/alert-row';
import { alertTimeRange, featureLink } from '@/lib/alerts/links';
import { compareSeverity } from '@/lib/alerts/severity';
import { alertFields } from '@/lib/alerts/values';
import { requirePageUser } from '@/lib/auth/page-user';
import { roleAllows } from '@/lib/auth/roles';
import { formatDuration, formatWhen } from '@/lib/format/time';
import { acknowledgeAlertAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Alerts' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const HISTORY_LIMIT = 100;

function alertView(a: AlertRow, now: number): AlertView {
  return {
    id: a.id,
    feature: a.feature,
    severity: a.severity,
    kind: a.kind,
    summary: a.summary,
    values: alertFields(a.details),
    opened: formatWhen(a.startedAt, now),
    ended: a.resolvedAt ? formatWhen(a.resolvedAt, now) : null,
    duration: a.resolvedAt ? formatDuration(a.resolvedAt.getTime() - a.startedAt.getTime()) : null,
    acknowledgedBy: a.acknowledgedBy,
    acknowledged: a.acknowledgedAt ? formatWhen(a.acknowledgedAt, now) : null,
    link: featureLink(a.feature, alertTimeRange(a)),
  };
}

async function loadAlerts(state: 'firing' | 'resolved' | undefined, feature: string | undefined) {
  const db = await getDb();
  const [features, firing, resolved, any] = await Promise.all([
    listFeatureKeys(db),
    state === 'resolved' ? [] : listAlerts(db, { state: 'firing', feature, limit: 500 }),
    state === 'firing' ? [] : listAlerts(db, { state: 'resolved', feature, limit: HISTORY_LIMIT }),
    listAlerts(db, { limit: 1 }),
  ]);
  const now = Date.now();
  firing.sort((a, b) => compareSeverity(a.severity, b.severity) || b.startedAt.getTime() - a.startedAt.getTime());
  return {
    features,
    firing: firing.map((a) => alertView(a, now)),
    resolved: resolved.map((a) => alertView(a, now)),
    none: any.length === 0,
  };
}

export default async function AlertsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const state = params.state === 'firing' || params.state === 'resolved' ? params.state : undefined;
  const feature = typeof params.feature === 'string' && params.feature ? params.feature : undefined;
  const [user, { features, firing, resolved, none }] = await Promise.all([
    requirePageUser(),
    loadAlerts(state, feature),
  ]);
  const canAcknowledge = roleAllows(user.role, 'responder');

  return (
    <section className="flex flex-col gap-5">
      <h1 className="text-2xl font-semibold">Alerts</h1>
      {none ? (
        <NoAlerts />
      ) : (
        <>
          <AlertFilters features={features} feature={feature} state={state} />
          {state !== 'resolved' ? (
            <section aria-labelledby="firing-title" className="flex flex-col gap-3">
              <h2 id="firing-title" className="text-lg font-semibold">
                Firing <span className="text-sm font-normal text-muted">({firing.length})</span>
              </h2>
              <p className="text-xs text-muted">
                Opened: when the minutely alert check first saw the condition. The problem may have begun earlier; the
                burn-rate windows and the feature&apos;s charts show how long.
              </p>
              <FiringAlerts alerts={firing} acknowledge={canAcknowledge ? acknowledgeAlertAction : undefined} />
            </section>
          ) : null}
          {state !== 'firing' ? (
            <section aria-labelledby="history-title" className="flex flex-col gap-3">
              <h2 id="history-title" className="text-lg font-semibold">
                History{' '}
                <span className="text-sm font-normal text-muted">
                  (resolved, newest first{resolved.length === HISTORY_LIMIT ? `, the last ${HISTORY_LIMIT}` : ''})
                </span>
              </h2>
              <AlertHistory alerts={resolved} />
            </section>
          ) : null}
        </>
      )}
    </section>
  );
}
