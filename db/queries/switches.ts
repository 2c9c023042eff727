import { asc, eq, sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
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

/** The next switch version. Versions only grow; see flipSwitch for why they also commit in order. */
export async function nextSwitchVersion(db: Db): Promise<number> {
  const [row] = resultRows<{ v: string }>(await db.execute(sql`select nextval('switch_version_seq')::text as v`));
  return Number(row.v);
}

export async function upsertSwitch(
  db: Db,
  values: { featureId: number; killed: boolean; reason: string; version: number; updatedBy: string },
): Promise<{ updatedAt: Date }> {
  const set = { killed: values.killed, reason: values.reason, version: values.version, updatedBy: values.updatedBy, updatedAt: sql`now()` };
  const [row] = await db
    .insert(killSwitches)
    .values({ ...values, updatedAt: sql`now()` })
    .onConflictDoUpdate({ target: killSwitches.featureId, set })
    .returning({ updatedAt: killSwitches.updatedAt });
  return row;
}

