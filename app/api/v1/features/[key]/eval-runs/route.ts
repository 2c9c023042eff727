// A feature's eval runs, newest first, without their results (a `read` key or a signed-in viewer).
import { getDb } from '@/db';
import { listEvalRuns } from '@/db/queries/eval-runs';
import { findFeature } from '@/db/queries/features';
import { notFound, validationError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { toEvalRunSummaryJson } from '@/lib/evals/eval-run-json';
import { EvalRunListQuerySchema } from '@/lib/validations/eval-runs-query';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  await requireKeyOrUser(request, 'read', 'viewer');
  const key = (await params).key;
  const query = EvalRunListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw validationError(query.error, 'The query parameters are not valid.');
  const db = await getDb();
  const feature = await findFeature(db, key);
  if (!feature) throw notFound(`There is no feature "${key}".`);
  const runs = await listEvalRuns(db, { featureId: feature.id, ...query.data });
  return Response.json({ runs: runs.map(toEvalRunSummaryJson) }, { headers: { 'Cache-Control': 'no-store' } });
});
