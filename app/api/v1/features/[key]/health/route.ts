// A feature's SLOs (compliance, budget remaining, burn rates, firing alerts) and cost budgets, for
// scripts and status pages (a `read` key or a signed-in viewer).
import { getReadDb } from '@/db';
import { listAlerts } from '@/db/queries/alerts';
import { notFound } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { evaluateFeatureHealth } from '@/lib/health/feature-health';
import { toHealthJson } from '@/lib/health/health-json';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  await requireKeyOrUser(request, 'read', 'viewer');
  const { key } = await params;
  const db = await getReadDb();
  const now = new Date();
  const [health] = await evaluateFeatureHealth(db, { now, featureKeys: [key] });
  if (!health) throw notFound(`There is no feature "${key}".`);
  const firing = await listAlerts(db, { state: 'firing', feature: key });
  return Response.json(toHealthJson(health, firing, now), { headers: { 'Cache-Control': 'no-store' } });
});
