// How long raw calls are kept, and dropping what is older. Retention works in whole UTC days: the
// partitions of a day go when the entire day is older than the cutoff (now − retention days).
// Rollups are never dropped: dashboards keep their history after the raw calls are gone.
import { z } from 'zod';
import type { Db } from '@/db';
import { dropCallPartitionsBefore, listCallPartitions, type CallPartition } from '@/db/queries/call-partitions';
import { getSetting } from '@/db/queries/settings';
import { env } from '@/lib/env';
import { DAY_MS } from '@/lib/time/units';
import { forgetPartitions } from './partitions';

export const RETENTION_SETTING = 'retentionDays';
export const DEFAULT_RETENTION_DAYS = 30;
export const RetentionDaysSchema = z.coerce
  .number({ message: 'must be a whole number of days' })
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(3650, 'must be at most 3650 days');

/** The setting is re-read at most this often per database handle (ingestion asks per batch). */
const CACHE_MS = 60_000;
const cache = new WeakMap<Db, { days: number; at: number }>();

/** SWITCHBOARD_RETENTION_DAYS, else the retentionDays setting, else 30. */
export async function getRetentionDays(db: Db): Promise<number> {
  if (env.SWITCHBOARD_RETENTION_DAYS !== undefined) return env.SWITCHBOARD_RETENTION_DAYS;
  const cached = cache.get(db);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.days;
  const stored = await getSetting(db, RETENTION_SETTING);
  const parsed = RetentionDaysSchema.safeParse(stored);
  if (stored !== undefined && !parsed.success)
    console.warn(
      `The ${RETENTION_SETTING} setting "${stored}" is not a number of days from 1 to 3650; using ${DEFAULT_RETENTION_DAYS}.`,
    );
  const days = parsed.success ? parsed.data : DEFAULT_RETENTION_DAYS;
  cache.set(db, { days, at: Date.now() });
  return days;
}

/** The first instant whose calls are kept: the start (UTC) of the day `days` days before `now`. */
export function retainedFrom(now: Date, days: number): Date {
  const cutoff = now.getTime() - days * DAY_MS;
  return new Date(Math.floor(cutoff / DAY_MS) * DAY_MS);
}

export interface RetentionResult {
  days: number;
  /** Calls before this are dropped. */
  keptFrom: Date;
  /** The partitions dropped (or, in a dry run, that would be). */
  dropped: CallPartition[];
}

/** Drops the partitions of calls and call_bodies of the days before the retained period. */
export async function applyRetention(
  db: Db,
  options: { days?: number; dryRun?: boolean; now?: Date } = {},
): Promise<RetentionResult> {
  const days = options.days ?? (await getRetentionDays(db));
  const keptFrom = retainedFrom(options.now ?? new Date(), days);
  const dropped = await dropCallPartitionsBefore(db, keptFrom.toISOString().slice(0, 10), { dryRun: options.dryRun });
  if (dropped.length && !options.dryRun) forgetPartitions(db);
  return { days, keptFrom, dropped };
}

/**
 * The part of [from, to) whose raw calls are still stored (from the oldest partition on), or null
 * when none are: rebuilding rollups beyond it would empty minutes whose calls retention dropped.
 */
export async function clampToStoredCalls(
  db: Db,
  range: { from?: Date; to?: Date },
): Promise<{ from: Date; to?: Date } | null> {
  const oldest = (await listCallPartitions(db))[0];
  if (!oldest) return null;
  const storedFrom = new Date(`${oldest.day}T00:00:00Z`);
  const from = range.from && range.from > storedFrom ? range.from : storedFrom;
  if (range.to && range.to <= from) return null;
  return { from, to: range.to };
}
