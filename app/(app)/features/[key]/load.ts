// Everything the feature page shows for one view, read in parallel.
import type { Db } from '@/db';
import { listAlerts } from '@/db/queries/alerts';
import { listFeatureEvalRuns } from '@/db/queries/feature-eval-runs';
import { findFeature, listFeatureEnvironments } from '@/db/queries/feature-stats';
import { readSloDocument } from '@/db/queries/slo-definitions';
import { burnDownSeries } from '@/lib/slo/burn-down';
import { SLO_WINDOWS } from '@/lib/slo/windows';
import { availabilityBuckets } from '@/lib/stats/availability-burn-down';
import { chartMarkers } from '@/lib/stats/chart-markers';
import { loadFeatureStats } from '@/lib/stats/load-feature-stats';
import { readSwitchStates, toSwitchDocument } from '@/lib/switches/document';
import { readSwitchHistory } from '@/lib/switches/history';
import type { Slo } from '@/lib/validations/slo';

/** Flips and alerts read for the markers: enough for a 30-day range of a busy feature. */
const MARKER_LIMIT = 200;
const RECENT_ALERTS = 10;

export async function loadFeaturePage(db: Db, key: string, view: { from: Date; to: Date; environment: string }, now = new Date()) {
  const feature = await findFeature(db, key);
  if (!feature) return null;
  const [stats, definitions, switches, flips, alerts, evalRuns, environments] = await Promise.all([
    loadFeatureStats(db, { feature, ...view }),
    readSloDocument(db, key),
    readSwitchStates(db),
    readSwitchHistory(db, key, MARKER_LIMIT),
    listAlerts(db, { feature: key, limit: MARKER_LIMIT }),
    listFeatureEvalRuns(db, { featureId: feature.id, ...view }),
    listFeatureEnvironments(db, feature.id),
  ]);
  const slos = definitions?.document.slos ?? [];
  const burnDowns = await Promise.all(
    slos.filter((slo) => slo.sli === 'availability').map((slo) => availabilityBurnDown(db, feature, slo, now)),
  );
  return {
    readAt: now.getTime(),
    feature,
    stats,
    slos: slos.filter((slo) => slo.environment === view.environment),
    budgets: definitions?.document.budgets ?? null,
    switchDocument: toSwitchDocument(switches),
    markers: chartMarkers({ flips, alerts, from: view.from, to: view.to }),
    recentAlerts: alerts.slice(0, RECENT_ALERTS),
    evalRuns,
    environments: environments.includes(view.environment) ? environments : [...environments, view.environment],
    burnDowns: burnDowns.filter((b) => b.environment === view.environment),
  };
}

export type FeaturePageData = NonNullable<Awaited<ReturnType<typeof loadFeaturePage>>>;

/**
 * The SLO's budget over its whole window, from the stats series (good = successful calls). Only
 * availability can be derived from the series; once the SLI queries' sloBurnDownBuckets(db,
 * { featureId, slo, now }) is on main, it can feed burnDownSeries for every SLO kind instead.
 */
async function availabilityBurnDown(db: Db, feature: { id: number; key: string }, slo: Extract<Slo, { sli: 'availability' }>, now: Date) {
  const from = new Date(now.getTime() - SLO_WINDOWS[slo.window]);
  const stats = await loadFeatureStats(db, { feature, environment: slo.environment, from, to: now });
  const points = burnDownSeries({
    buckets: availabilityBuckets(stats, slo.countFallbackAsGood),
    objective: slo.objective,
    window: slo.window,
    now,
    stepMs: stats.stepSeconds * 1000,
  });
  return { name: slo.name, objective: slo.objective, window: slo.window, environment: slo.environment, points };
}
