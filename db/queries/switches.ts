import { asc, eq, sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import type { Actor } from './audit';
import { features, killSwitches } from '../schema';

/** One feature's switch as the API shows it. Features without a switch row are live. */
export interface SwitchRow {
  feature: string;
  killed: boolean;
  reason: string | null;
  /** 0 when the switch has never been flipped. */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

const switchColumns = {
  feature: features.key,
  killed: sql<boolean>`coalesce(${killSwitches.killed}, false)`,
  reason: killSwitches.reason,
  version: sql<number>`coalesce(${killSwitches.version}, 0)::int8`.mapWith(Number),
  updatedAt: killSwitches.updatedAt,
  updatedBy: killSwitches.updatedBy,
};

/** Every feature with its switch, ordered by feature key. */
export async function listSwitches(db: Db): Promise<SwitchRow[]> {
  return db
    .select(switchColumns)
    .from(features)
    .leftJoin(killSwitches, eq(killSwitches.featureId, features.id))
    .orderBy(asc(features.key));
}

export async function findSwitch(db: Db, featureKey: string): Promise<(SwitchRow & { featureId: number }) | undefined> {
  const [row] = await db
    .select({ featureId: features.id, ...switchColumns })
    .from(features)
    .leftJoin(killSwitches, eq(killSwitches.featureId, features.id))
    .where(eq(features.key, featureKey));
  return row;
}

/**
 * Flips a switch in one statement (migration 0009's switchboard_flip_switch): lock, read, new
 * version, switch row, audit entry and NOTIFY. Undefined when the feature does not exist;
 * `changed` is false, and nothing was written, when the switch already was in the asked state.
 */
export async function flipSwitchRow(
  db: Db,
  input: { featureKey: string; killed: boolean; reason: string; actor: Actor; channel: string; lock: number },
): Promise<(SwitchRow & { changed: boolean }) | undefined> {
  const result = await db.execute(sql`
    select changed, killed, reason, version::int8 as version, updated_at, updated_by
    from switchboard_flip_switch(${input.featureKey}, ${input.killed}, ${input.reason}, ${input.actor.id},
                                 ${input.actor.label}, ${input.channel}, ${input.lock})`);
  const [row] = resultRows<{
    changed: boolean;
    killed: boolean;
    reason: string | null;
    version: string | number;
    updated_at: Date | string | null;
    updated_by: string | null;
  }>(result);
  if (!row) return undefined;
  return {
    feature: input.featureKey,
    changed: row.changed,
    killed: row.killed,
    reason: row.reason,
    version: Number(row.version),
    updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
    updatedBy: row.updated_by,
  };
}
