// One eval run with all its results (a `read` key or a signed-in viewer).
import { getDb } from '@/db';
import { findEvalRun, listEvalResults } from '@/db/queries/eval-runs';
import { notFound, validationError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { toEvalRunJson } from '@/lib/evals/eval-run-json';
import { EvalRunIdSchema } from '@/lib/validations/eval-runs-query';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  await requireKeyOrUser(request, 'read', 'viewer');
  const id = EvalRunIdSchema.safeParse((await params).id);
  if (!id.success) throw validationError(id.error, 'The eval run id is not valid.');
  const db = await getDb();
  const run = await findEvalRun(db, id.data);
  if (!run) throw notFound(`There is no eval run with id ${id.data}.`);
  return Response.json(toEvalRunJson(run, await listEvalResults(db, run.id)), {
    headers: { 'Cache-Control': 'no-store' },
  });
});
