// A feature's eval runs over a range: their pass rates for the accuracy chart of the feature page.
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../client';
import { evalRuns } from '../schema';

export interface EvalRunPoint {
  id: number;
  name: string | null;
  startedAt: Date;
  total: number;
  passed: number;
  passRate: number;
}

export async function listFeatureEvalRuns(
  db: Db,
  params: { featureId: number; environment: string; from: Date; to: Date },
): Promise<EvalRunPoint[]> {
  return db
    .select({
      id: evalRuns.id,
      name: evalRuns.name,
      startedAt: evalRuns.startedAt,
      total: evalRuns.total,
      passed: evalRuns.passed,
      passRate: evalRuns.passRate,
    })
    .from(evalRuns)
    .where(
      and(
        eq(evalRuns.featureId, params.featureId),
        eq(evalRuns.environment, params.environment),
        gte(evalRuns.startedAt, params.from),
        lt(evalRuns.startedAt, params.to),
      ),
    )
    .orderBy(asc(evalRuns.startedAt))
    .limit(500);
}
