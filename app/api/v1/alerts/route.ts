// The alerts, newest first, filtered by state and feature (a `read` key or a signed-in viewer).
import { getDb } from '@/db';
import { listAlerts } from '@/db/queries/alerts';
import { apiRoute, parseQuery } from '@/lib/api/route';
import { toAlertJson } from '@/lib/alerts/alert-json';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { AlertListQuerySchema } from '@/lib/validations/alert';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request) => {
  await requireKeyOrUser(request, 'read', 'viewer');
  const query = parseQuery(request, AlertListQuerySchema);
  const alerts = await listAlerts(await getDb(), query);
  return Response.json({ alerts: alerts.map(toAlertJson) }, { headers: { 'Cache-Control': 'no-store' } });
});
