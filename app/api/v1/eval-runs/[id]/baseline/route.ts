// Marks a run as its feature's baseline: a key with `config:write` (an admin in the browser uses
// the run page's server action).
import { getDb } from '@/db';
import { validationError } from '@/lib/api/errors';
import { changeReason } from '@/lib/api/change-reason';
import { apiRoute } from '@/lib/api/route';
import { actorOf, requireKeyOrUser } from '@/lib/auth/guard';
import { toEvalRunSummaryJson } from '@/lib/evals/eval-run-json';
import { markBaseline } from '@/lib/evals/mark-baseline';
import { EvalRunIdSchema } from '@/lib/validations/eval-runs-query';

export const dynamic = 'force-dynamic';

export const PUT = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const principal = await requireKeyOrUser(request, 'config:write', 'admin');
  const id = EvalRunIdSchema.safeParse((await params).id);
  if (!id.success) throw validationError(id.error, 'The eval run id is not valid.');
  const { changed, run, previous } = await markBaseline(
    await getDb(),
    id.data,
    actorOf(principal),
    changeReason(request),
  );
  return Response.json({ ...toEvalRunSummaryJson(run), changed, previousBaselines: previous });
});
