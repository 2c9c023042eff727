// The run marked as the feature's baseline, with its results in the upload's shape, so that
// `switchboard eval` can compare a new run against it (a `read` key or a signed-in viewer).
import { getDb } from '@/db';
import { findBaselineRun, listEvalResults } from '@/db/queries/eval-runs';
import { findFeature } from '@/db/queries/features';
import { ApiError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { toEvalRunJson } from '@/lib/evals/eval-run-json';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ params: Promise<{ key: string }> }>(async (request, { params }) => {
  await requireKeyOrUser(request, 'read', 'viewer');
  const key = (await params).key;
  const db = await getDb();
  // A feature CI evaluates for the first time may not exist yet: that too is "no baseline".
  const feature = await findFeature(db, key);
  const run = feature ? await findBaselineRun(db, feature.id) : null;
  if (!run) {
    throw new ApiError(
      404,
      'no_baseline',
      `No run of ${key} is marked as baseline. Mark one on its page, or pass --baseline results.json.`,
    );
  }
  return Response.json(toEvalRunJson(run, await listEvalResults(db, run.id)), {
    headers: { 'Cache-Control': 'no-store' },
  });
});
