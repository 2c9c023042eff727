import { getDatabase, readDbOf } from '@/db';
import { getOverview, type LiveOverview } from '@/lib/overview/overview';
import { apiRoute, parseQuery } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { replicaStatus } from '@/lib/replica/replica-status';
import { OverviewQuerySchema } from '@/lib/validations/overview';

export const dynamic = 'force-dynamic';

/**
 * Every feature's last 24 hours in one environment, worst first (a `read` key or a signed-in
 * viewer); with a read replica, also how far behind it is (`replica`, else null). `hourly=` and
 * `features=` choose whose hourly series come along and which features (docs/overview.md).
 */
export const GET = apiRoute(async (request) => {
  await requireKeyOrUser(request, 'read', 'viewer');
  const { environment, hourly, features } = parseQuery(request, OverviewQuerySchema);
  const database = await getDatabase();
  const overview = await getOverview(readDbOf(database), {
    now: new Date(),
    environment,
    hourly,
    featureKeys: features,
  });
  return Response.json({ ...overview, replica: replicaStatus(database) } satisfies LiveOverview, {
    headers: { 'Cache-Control': 'no-store' },
  });
});
