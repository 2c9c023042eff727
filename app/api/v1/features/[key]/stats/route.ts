// A feature's calls, errors, availability, latency, TTFT, tokens, cost, routes and scores over a
// range, with a series for charts (a `read` key or a signed-in viewer).
import { getReadDb } from '@/db';
import { findFeature } from '@/db/queries/features';
import { notFound, validationError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { loadFeatureStats } from '@/lib/stats/load-feature-stats';
import { FeatureStatsQuerySchema } from '@/lib/validations/feature-stats';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  await requireKeyOrUser(request, 'read', 'viewer');
  const { key } = await params;
  const query = FeatureStatsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw validationError(query.error, 'The query parameters are not valid.');
  const db = await getReadDb();
  const feature = await findFeature(db, key);
  if (!feature) throw notFound(`There is no feature "${key}".`);
  const stats = await loadFeatureStats(db, { feature, ...query.data });
  return Response.json(stats, { headers: { 'Cache-Control': 'no-store' } });
});
