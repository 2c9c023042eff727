// How far behind the read replica (DATABASE_READ_URL) is and where reads go meanwhile
// (db/index.ts, readDbOf): for /api/health, the overview and the metrics. Null without a replica.
import { readDbOf, type Database } from '@/db';
import type { ReplicaStatus } from './replica-lag';

export function replicaStatus(database: Database, now = Date.now()): ReplicaStatus | null {
  if (!database.replica) return null;
  const { reachable, lagMs } = database.replica.monitor.state(now);
  return {
    reachable,
    lagSeconds: lagMs === null ? null : Math.round(lagMs / 100) / 10,
    readsFrom: readDbOf(database, now) === database.replica.db ? 'replica' : 'primary',
  };
}
