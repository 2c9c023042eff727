// One round of the alert evaluator: every feature's SLOs and cost budgets at `now` → alert
// candidates → open / resolve against the stored firing alerts → webhooks queued → auto-trip.
// The whole round is one transaction holding a transaction-scoped advisory lock taken with
// pg_try_advisory_xact_lock: of several instances evaluating at once, one does the round and the
// others skip it (the unique "one firing alert per fingerprint" index stays the backstop).
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { resultRows } from '@/db/client';
import { listStoredFiringAlerts } from '@/db/queries/alerts';
import { catchUpRollups } from '@/lib/rollups/aggregator-pass';
import { evaluateFeatureHealth, type FeatureHealth } from '@/lib/status/feature-health';
import { applyAlertTransitions } from './apply';
import { autoTrip, type AutoTripResult } from './auto-trip';
import { budgetAlertCandidates, sloAlertCandidates, spikeAlertCandidates, type AlertCandidate } from './candidates';
import { planAlertTransitions } from './transitions';

/** The advisory lock key of an evaluation round (any constant unique in the application). */
const ROUND_LOCK = 727_205;
/** How long a round waits for the rollup aggregator to count the calls stored before it. */
const ROLLUP_WAIT_MS = 10_000;

export interface AlertRound {
  /** False when another instance held the round's lock: nothing was evaluated. */
  ran: boolean;
  features: number;
  firing: number;
  opened: { id: number; fingerprint: string }[];
  resolved: { id: number; fingerprint: string }[];
  deliveriesQueued: number;
  trips: AutoTripResult[];
}

/** What fires for one feature now. */
export function featureAlertCandidates(health: FeatureHealth): AlertCandidate[] {
  const key = health.feature.key;
  return [
    ...health.slos.flatMap(({ slo, evaluation }) => sloAlertCandidates(key, slo.name, evaluation)),
    ...(health.cost.daily ? budgetAlertCandidates(key, health.cost.daily) : []),
    ...(health.cost.monthly ? budgetAlertCandidates(key, health.cost.monthly) : []),
    ...spikeAlertCandidates(key, health.cost.spike),
  ];
}

/**
 * Evaluates at `now` (the loop passes the clock; tests any time). `featureKeys` limits the round
 * to those features (stored alerts of others are left as they are); by default all features.
 */
export async function evaluateAlerts(
  db: Db,
  params: { now: Date; featureKeys?: readonly string[] },
): Promise<AlertRound> {
  const { now } = params;
  // Exact: the round reads rollups that hold every call stored before it began. Behind a
  // transaction that runs for longer, it evaluates what the rollups hold rather than not at all.
  if (!(await catchUpRollups(db, { timeoutMs: ROLLUP_WAIT_MS }))) {
    console.warn(
      `Alert round: the rollups were still behind after ${ROLLUP_WAIT_MS / 1000} s (a long transaction holds them back); evaluating what they hold.`,
    );
  }
  return db.transaction(async (tx) => {
    const [lock] = resultRows<{ locked: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${ROUND_LOCK}) as locked`),
    );
    if (!lock?.locked)
      return { ran: false, features: 0, firing: 0, opened: [], resolved: [], deliveriesQueued: 0, trips: [] };

    const health = await evaluateFeatureHealth(tx, { now, featureKeys: params.featureKeys });
    const firing = health.flatMap(featureAlertCandidates);
    const stored = await listStoredFiringAlerts(tx);
    const plan = planAlertTransitions({ firing, stored, evaluatedFeatures: health.map((h) => h.feature.key) });
    const applied = await applyAlertTransitions(tx, { plan, now });
    const trips = await autoTrip(tx, { opened: applied.opened, health });
    return {
      ran: true,
      features: health.length,
      firing: firing.length,
      opened: applied.opened.map((a) => ({ id: a.id, fingerprint: a.fingerprint })),
      resolved: applied.resolved.map((a) => ({ id: Number(a.id), fingerprint: a.fingerprint })),
      deliveriesQueued: applied.deliveriesQueued,
      trips,
    };
  });
}
