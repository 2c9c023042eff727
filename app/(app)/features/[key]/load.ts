// Everything the feature page shows for one view, read in parallel.
import type { Db } from '@/db';
import { listAlerts } from '@/db/queries/alerts';
import { listFeatureEvalRuns } from '@/db/queries/feature-eval-runs';
import { listFeatureReleases } from '@/db/queries/feature-releases';
import { findFeature, listFeatureEnvironments } from '@/db/queries/features';
import { readSloDocument } from '@/db/queries/slo-definitions';
import { readCurrentStatuses } from '@/lib/status/current-status';
import { sloBurnDownBuckets } from '@/lib/rollups/sli-counts';
import { burnDownSeries } from '@/lib/slo/burn-down';
import { SLO_WINDOWS } from '@/lib/slo/windows';
import { HOUR_MS } from '@/lib/time/units';
import { chartMarkers } from '@/lib/stats/chart-markers';
import { loadFeatureStats } from '@/lib/stats/load-feature-stats';
import { readSwitchStates, toSwitchDocument } from '@/lib/switches/document';
import { readSwitchHistory } from '@/lib/switches/history';
import type { Slo } from '@/lib/validations/slo';

/** Flips, alerts and releases read for the markers: enough for a 30-day range of a busy feature. */
const MARKER_LIMIT = 200;
const RECENT_ALERTS = 10;

export async function loadFeaturePage(
  db: Db,
  key: string,
  view: { from: Date; to: Date; environment: string },
  now = new Date(),
) {
  const feature = await findFeature(db, key);
  if (!feature) return null;
  const [stats, definitions, switches, flips, alerts, releases, evalRuns, environments, statuses] = await Promise.all([
    loadFeatureStats(db, { feature, ...view }),
    readSloDocument(db, key),
    readSwitchStates(db),
    readSwitchHistory(db, key, MARKER_LIMIT),
    listAlerts(db, { feature: key, limit: MARKER_LIMIT }),
    listFeatureReleases(db, {
      featureId: feature.id,
      environment: view.environment,
      from: view.from,
      to: view.to,
      limit: MARKER_LIMIT,
    }),
    listFeatureEvalRuns(db, { featureId: feature.id, ...view }),
    listFeatureEnvironments(db, feature.id),
    readCurrentStatuses(db, { now, environment: view.environment, featureKeys: [key] }),
  ]);
  const slos = (definitions?.document.slos ?? []).filter((slo) => slo.environment === view.environment);
  const burnDowns = await Promise.all(slos.map((slo) => burnDown(db, feature.id, slo, now)));
  return {
    readAt: now.getTime(),
    feature,
    /** Now, whatever the range: the overview's status of the feature in the view's environment. */
    status: statuses.get(key) ?? 'no_traffic',
    stats,
    slos,
    budgets: definitions?.document.budgets ?? null,
    switchDocument: toSwitchDocument(switches),
    markers: chartMarkers({ flips, alerts, releases, from: view.from, to: view.to }),
    recentAlerts: alerts.slice(0, RECENT_ALERTS),
    evalRuns,
    environments: environments.includes(view.environment) ? environments : [...environments, view.environment],
    burnDowns,
  };
}

export type FeaturePageData = NonNullable<Awaited<ReturnType<typeof loadFeaturePage>>>;

/** Points per burn-down chart at most: hourly over 7 days, every 4 hours over 28 or 30. */
const BURN_DOWN_POINTS = 180;

/** The SLO's error budget over its whole window, from its hourly SLI counts (one query). */
async function burnDown(db: Db, featureId: number, slo: Slo, now: Date) {
  const windowMs = SLO_WINDOWS[slo.window];
  const points = burnDownSeries({
    buckets: await sloBurnDownBuckets(db, { featureId, slo, now }),
    objective: slo.objective,
    window: slo.window,
    now,
    stepMs: Math.ceil(windowMs / BURN_DOWN_POINTS / HOUR_MS) * HOUR_MS,
  });
  return { name: slo.name, objective: slo.objective, window: slo.window, points };
}
