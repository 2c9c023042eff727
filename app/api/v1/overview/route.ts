import { getDb } from '@/db';
import { getOverview } from '@/db/queries/overview';
import { validationError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { OverviewQuerySchema } from '@/lib/validations/overview';

export const dynamic = 'force-dynamic';

/** Every feature's last 24 hours in one environment, worst first (a `read` key or a signed-in viewer). */
export const GET = apiRoute(async (request) => {
  await requireKeyOrUser(request, 'read', 'viewer');
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = OverviewQuerySchema.safeParse(params);
  if (!query.success) throw validationError(query.error, 'The query parameters are not valid.');
  const overview = await getOverview(await getDb(), { now: new Date(), environment: query.data.environment });
  return Response.json(overview, { headers: { 'Cache-Control': 'no-store' } });
});
