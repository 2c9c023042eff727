// Marking a run as its feature's baseline: the run CI compares against. One per feature; the
// previous one is unmarked in the same transaction, and the change is audited.
import type { Db } from '@/db';
import { appendAudit, type Actor } from '@/db/queries/audit';
import { findEvalRun, setBaselineRun, type EvalRunRow } from '@/db/queries/eval-runs';
import { notFound } from '@/lib/api/errors';

export async function markBaseline(
  db: Db,
  runId: number,
  actor: Actor,
  reason: string | null = null,
): Promise<{ changed: boolean; run: EvalRunRow; previous: number[] }> {
  return db.transaction(async (tx) => {
    const run = await findEvalRun(tx, runId);
    if (!run) throw notFound(`There is no eval run with id ${runId}.`);
    const previous = await setBaselineRun(tx, { featureId: run.featureId, runId });
    const changed = !(previous.length === 1 && previous[0] === runId);
    if (changed) {
      await appendAudit(tx, actor, {
        action: 'eval_run.baseline',
        targetType: 'eval_run',
        targetId: String(runId),
        before: { baselineRunIds: previous },
        after: { baselineRunId: runId, feature: run.feature },
        reason,
      });
    }
    return { changed, run: { ...run, isBaseline: true }, previous: previous.filter((id) => id !== runId) };
  });
}
