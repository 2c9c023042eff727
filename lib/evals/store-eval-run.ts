// Storing an uploaded eval run: the run and every result in one transaction, the feature created
// on first sight (CI may evaluate a feature before it serves traffic), the figures counted here.
import type { Db } from '@/db';
import { appendAudit, type Actor } from '@/db/queries/audit';
import { insertEvalResults, insertEvalRun } from '@/db/queries/eval-runs';
import { badRequest } from '@/lib/api/errors';
import { createOrFindFeatures, rememberFeatureIds } from '@/lib/ingest/feature-ids';
import { storableText } from '@/lib/sdk/redact/redactor';
import type { EvalRunInput } from '@/lib/validations/eval-run';
import { runFigures, type RunFigures } from './weighted-pass-rate';

/** Runs that start further ahead of the server's clock are refused: no SLO window would count them yet. */
const MAX_CLOCK_SKEW_MS = 60 * 60_000;

/** Strings Postgres can store (text and jsonb hold no U+0000), everywhere inside a JSON value. */
function storable<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storableText(v) : v))) as T;
}

function checkTimes(run: EvalRunInput, now: Date): void {
  const started = Date.parse(run.startedAt);
  if (started > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw badRequest('The run is not valid; nothing was stored.', {
      startedAt: ['is more than an hour ahead of the server clock; check the CI machine’s time.'],
    });
  }
  if (run.finishedAt && Date.parse(run.finishedAt) < started) {
    throw badRequest('The run is not valid; nothing was stored.', { finishedAt: ['is before startedAt.'] });
  }
}

export async function storeEvalRun(
  db: Db,
  run: EvalRunInput,
  actor: Actor,
  now = new Date(),
): Promise<RunFigures & { id: number }> {
  checkTimes(run, now);
  const figures = runFigures(run.results);
  const { id, features } = await db.transaction(async (tx) => {
    const features = await createOrFindFeatures(tx, [run.feature]);
    const featureId = features.get(run.feature)!.id;
    const id = await insertEvalRun(tx, {
      featureId,
      name: run.name ?? null,
      startedAt: new Date(run.startedAt),
      finishedAt: run.finishedAt ? new Date(run.finishedAt) : null,
      gitCommit: run.gitCommit?.toLowerCase() ?? null,
      gitBranch: run.gitBranch ? storableText(run.gitBranch) : null,
      model: run.model ? storableText(run.model) : null,
      promptVersion: run.promptVersion ? storableText(run.promptVersion) : null,
      environment: run.environment,
      threshold: run.threshold ?? null,
      ...figures,
    });
    await insertEvalResults(
      tx,
      run.results.map((r) =>
        storable({
          runId: id,
          caseName: r.name,
          repeat: r.repeat,
          passed: r.passed,
          score: r.score,
          weight: r.weight,
          input: r.vars,
          output: r.output,
          expected: r.expected,
          assertions: r.assertions,
          latencyMs: r.latencyMs,
          costUsd: r.costUsd,
          error: r.error,
        }),
      ),
    );
    await appendAudit(tx, actor, {
      action: 'eval_run.upload',
      targetType: 'eval_run',
      targetId: String(id),
      after: { feature: run.feature, environment: run.environment, gitCommit: run.gitCommit ?? null, ...figures },
    });
    return { id, features };
  });
  rememberFeatureIds(db, features);
  return { id, ...figures };
}
