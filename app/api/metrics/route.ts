import { getDatabase, readDbOf } from '@/db';
import { apiRoute } from '@/lib/api/route';
import { requireKey } from '@/lib/auth/guard';
import { metricsPublic } from '@/lib/env';
import { replicaStatus } from '@/lib/replica/replica-status';
import { collectMetrics } from '@/lib/metrics/collect';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from '@/lib/metrics/exposition';

export const dynamic = 'force-dynamic';

/**
 * Prometheus scrape target (text format 0.0.4). Needs `Authorization: Bearer <key with the read
 * scope>` (Prometheus: `authorization: { credentials: <key> }`) unless SWITCHBOARD_METRICS_PUBLIC=1.
 */
export const GET = apiRoute(async (request) => {
  if (!metricsPublic()) await requireKey(request, 'read');
  const database = await getDatabase();
  const snapshot = { ...(await collectMetrics(readDbOf(database))), replica: replicaStatus(database) };
  return new Response(renderExposition(snapshot), {
    headers: { 'Content-Type': EXPOSITION_CONTENT_TYPE, 'Cache-Control': 'no-store' },
  });
});
