// A feature's SLOs (compliance, budget remaining, burn rates, firing alerts) and cost budgets, for
// scripts and status pages (a `read` key or a signed-in viewer); with its status now in
// `?environment=` (production by default), the overview's status.
import { getReadDb } from '@/db';
import { notFound } from '@/lib/api/errors';
import { apiRoute, parseQuery } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { readHealthJson } from '@/lib/status/read-health';
import { readCurrentStatuses } from '@/lib/status/current-status';
import { HealthQuerySchema } from '@/lib/validations/overview';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  await requireKeyOrUser(request, 'read', 'viewer');
  const { key } = await params;
  const { environment } = parseQuery(request, HealthQuerySchema);
  const db = await getReadDb();
  const now = new Date();
  const [health, statuses] = await Promise.all([
    readHealthJson(db, key, now),
    readCurrentStatuses(db, { now, environment, featureKeys: [key] }),
  ]);
  if (!health) throw notFound(`There is no feature "${key}".`);
  const status = { environment, status: statuses.get(key) ?? 'no_traffic' };
  return Response.json({ ...health, ...status }, { headers: { 'Cache-Control': 'no-store' } });
});
