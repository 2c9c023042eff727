// What the overview starts from besides the rollups (lib/overview/overview.ts assembles it): the
// features with their switches, and the environments that have had calls.
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { features, killSwitches } from '../schema';

export interface OverviewFeatureRow {
  id: number;
  key: string;
  name: string | null;
  /** The switch's state; null when the feature's switch was never flipped. */
  killed: boolean | null;
  reason: string | null;
  /** When the switch last changed, ms since the epoch. */
  updatedAtMs: number | null;
}

/** Every feature (or those named: unknown keys are left out), unsorted. */
export async function listOverviewFeatures(db: Db, keys?: readonly string[]): Promise<OverviewFeatureRow[]> {
  const rows = resultRows<Omit<OverviewFeatureRow, 'updatedAtMs'> & { updated_at_ms: number | null }>(
    await db.execute(sql`
    select f.id, f.key, f.name, ${killSwitches.killed} as killed, ${killSwitches.reason} as reason,
           (extract(epoch from ${killSwitches.updatedAt}) * 1000)::float8 as updated_at_ms
    from ${features} f left join ${killSwitches} on ${killSwitches.featureId} = f.id
    ${
      keys
        ? sql`where f.key in ${
            keys.length
              ? sql`(${sql.join(
                  keys.map((k) => sql`${k}`),
                  sql`, `,
                )})`
              : sql`(null)`
          }`
        : sql``
    }`),
  );
  return rows.map(({ updated_at_ms, ...row }) => ({
    ...row,
    updatedAtMs: updated_at_ms === null ? null : Number(updated_at_ms),
  }));
}

/** The environments that have had calls: production first, then by calls. */
export async function listEnvironmentsByCalls(db: Db): Promise<string[]> {
  const rows = resultRows<{ environment: string }>(
    await db.execute(sql`
    select environment from call_rollups_total
    group by 1 order by (environment = 'production') desc, sum(calls) desc, 1`),
  );
  return rows.map((r) => r.environment);
}
