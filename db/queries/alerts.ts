// Stored alerts: opened and resolved by the evaluator (lib/alerts/apply.ts), acknowledged by
// responders, listed by the alerts page and the API.
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { alerts, features } from '../schema';
import type { AlertRow } from '@/lib/alerts/alert-row';
import type { AlertCandidate } from '@/lib/alerts/candidates';
import type { StoredFiringAlert } from '@/lib/alerts/transitions';
import type { Severity } from '@/lib/alerts/severity';

const alertColumns = {
  id: alerts.id,
  feature: features.key,
  fingerprint: alerts.fingerprint,
  kind: alerts.kind,
  severity: alerts.severity,
  state: alerts.state,
  summary: alerts.title,
  details: sql<Record<string, number | string | null>>`${alerts.details}`,
  startedAt: alerts.startedAt,
  resolvedAt: alerts.resolvedAt,
  acknowledgedAt: alerts.acknowledgedAt,
  acknowledgedBy: alerts.acknowledgedBy,
};

/** What the evaluator compares its candidates with (planAlertTransitions' `stored`). */
export async function listStoredFiringAlerts(db: Db): Promise<StoredFiringAlert[]> {
  return db
    .select({ id: alerts.id, fingerprint: alerts.fingerprint, feature: features.key })
    .from(alerts)
    .innerJoin(features, eq(features.id, alerts.featureId))
    .where(eq(alerts.state, 'firing'));
}

/**
 * Inserts the candidates as firing alerts. A fingerprint already firing (another instance won
 * the race) is skipped by the unique partial index: only the rows actually inserted come back.
 */
export async function insertFiringAlerts(
  db: Db,
  candidates: AlertCandidate[],
  featureIds: Map<string, number>,
  now: Date,
): Promise<{ id: number; fingerprint: string }[]> {
  const values = candidates.flatMap((c) => {
    const featureId = featureIds.get(c.feature);
    if (featureId === undefined) return [];
    return [
      {
        featureId,
        kind: c.kind,
        severity: c.severity,
        fingerprint: c.fingerprint,
        title: c.summary,
        details: c.values,
        startedAt: now,
      },
    ];
  });
  if (values.length === 0) return [];
  return db
    .insert(alerts)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: alerts.id, fingerprint: alerts.fingerprint });
}

/** Marks the alerts resolved; one resolved meanwhile by someone else is not returned. */
export async function resolveFiringAlerts(
  db: Db,
  ids: number[],
  now: Date,
): Promise<{ id: number; severity: Severity }[]> {
  if (ids.length === 0) return [];
  return db
    .update(alerts)
    .set({ state: 'resolved', resolvedAt: now })
    .where(and(inArray(alerts.id, ids), eq(alerts.state, 'firing')))
    .returning({ id: alerts.id, severity: alerts.severity });
}

export interface AlertFilter {
  state?: 'firing' | 'resolved';
  feature?: string;
  limit?: number;
}

/** Newest first. */
export async function listAlerts(db: Db, filter: AlertFilter = {}): Promise<AlertRow[]> {
  const where: (SQL | undefined)[] = [
    filter.state ? eq(alerts.state, filter.state) : undefined,
    filter.feature ? eq(features.key, filter.feature) : undefined,
  ];
  return db
    .select(alertColumns)
    .from(alerts)
    .innerJoin(features, eq(features.id, alerts.featureId))
    .where(and(...where))
    .orderBy(desc(alerts.startedAt), desc(alerts.id))
    .limit(filter.limit ?? 100);
}

export async function findAlert(db: Db, id: number): Promise<AlertRow | undefined> {
  const [row] = await db
    .select(alertColumns)
    .from(alerts)
    .innerJoin(features, eq(features.id, alerts.featureId))
    .where(eq(alerts.id, id));
  return row;
}

/** Sets the acknowledgement once; answers false when the alert was already acknowledged. */
export async function setAlertAcknowledged(db: Db, id: number, by: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(alerts)
    .set({ acknowledgedAt: now, acknowledgedBy: by })
    .where(and(eq(alerts.id, id), isNull(alerts.acknowledgedAt)))
    .returning({ id: alerts.id });
  return rows.length > 0;
}

/** Amends an alert's summary and details (the auto-trip policy notes what it did). */
export async function noteOnAlert(
  db: Db,
  id: number,
  note: { summarySuffix: string; details: Record<string, string | number | null> },
): Promise<void> {
  await db
    .update(alerts)
    .set({
      title: sql`${alerts.title} || ${note.summarySuffix}`,
      details: sql`${alerts.details} || ${JSON.stringify(note.details)}::jsonb`,
    })
    .where(eq(alerts.id, id));
}
