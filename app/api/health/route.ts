import { sql } from 'drizzle-orm';
import { getDatabase } from '@/db';
import { apiRoute } from '@/lib/api/route';
import { replicaStatus } from '@/lib/replica/replica-status';

export const dynamic = 'force-dynamic';

/**
 * Liveness and reachability of the primary, for load balancers and the test harness; with a read
 * replica, also its lag and where reads go (docs/scaling.md). A replica that is away does not make
 * the app unhealthy: reads go to the primary meanwhile.
 */
export const GET = apiRoute(async () => {
  const database = await getDatabase();
  await database.db.execute(sql`select 1`);
  const replica = replicaStatus(database);
  return Response.json({ ok: true, ...(replica ? { replica } : {}) });
});
