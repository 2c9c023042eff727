// CI uploads an eval run (`switchboard eval --upload`): a key with the `evals:write` scope.
import { getDb } from '@/db';
import { validationError } from '@/lib/api/errors';
import { apiRoute, readJsonBody } from '@/lib/api/route';
import { actorOf, requireKey } from '@/lib/auth/guard';
import { evalRunUrl } from '@/lib/evals/eval-run-json';
import { storeEvalRun } from '@/lib/evals/store-eval-run';
import { EvalRunUploadSchema } from '@/lib/validations/eval-run';

export const dynamic = 'force-dynamic';

/** 10,000 results of long outputs fit; more is refused with 413 before it is parsed. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export const POST = apiRoute(async (request) => {
  const principal = await requireKey(request, 'evals:write');
  const parsed = EvalRunUploadSchema.safeParse(await readJsonBody(request, MAX_BODY_BYTES));
  if (!parsed.success) throw validationError(parsed.error, 'The eval run is not valid; nothing was stored.');
  const stored = await storeEvalRun(await getDb(), parsed.data, actorOf(principal));
  return Response.json(
    {
      id: stored.id,
      url: evalRunUrl(stored.id),
      total: stored.total,
      passed: stored.passed,
      passRate: stored.passRate,
    },
    { status: 201 },
  );
});
