// Eval runs and their results: stored by an upload, read by the evals pages and API, and one run
// per feature marked as the baseline CI compares against.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { jsonRowsInsert } from '../json-rows';
import { evalResults, evalRuns, features } from '../schema';

export interface EvalRunRow {
  id: number;
  featureId: number;
  feature: string;
  featureName: string | null;
  name: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  gitCommit: string | null;
  gitBranch: string | null;
  model: string | null;
  promptVersion: string | null;
  environment: string;
  threshold: number | null;
  total: number;
  passed: number;
  passRate: number;
  isBaseline: boolean;
  createdAt: Date;
}

export type EvalResultRow = Omit<typeof evalResults.$inferSelect, 'runId'>;

const RUN_COLUMNS = {
  id: evalRuns.id,
  featureId: evalRuns.featureId,
  feature: features.key,
  featureName: features.name,
  name: evalRuns.name,
  startedAt: evalRuns.startedAt,
  finishedAt: evalRuns.finishedAt,
  gitCommit: evalRuns.gitCommit,
  gitBranch: evalRuns.gitBranch,
  model: evalRuns.model,
  promptVersion: evalRuns.promptVersion,
  environment: evalRuns.environment,
  threshold: evalRuns.threshold,
  total: evalRuns.total,
  passed: evalRuns.passed,
  passRate: evalRuns.passRate,
  isBaseline: evalRuns.isBaseline,
  createdAt: evalRuns.createdAt,
};

export async function insertEvalRun(tx: Db, run: typeof evalRuns.$inferInsert): Promise<number> {
  const [row] = await tx.insert(evalRuns).values(run).returning({ id: evalRuns.id });
  return row.id;
}

const RESULT_KEYS = [
  'runId',
  'caseName',
  'repeat',
  'passed',
  'score',
  'weight',
  'input',
  'output',
  'expected',
  'assertions',
  'latencyMs',
  'costUsd',
  'error',
] as const;
const insertResultRows = jsonRowsInsert(evalResults, RESULT_KEYS);
/** Results per statement: one JSON parameter each, kept well under a few megabytes. */
const RESULTS_PER_STATEMENT = 500;

export async function insertEvalResults(tx: Db, rows: (typeof evalResults.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += RESULTS_PER_STATEMENT) {
    await tx.execute(insertResultRows(rows.slice(i, i + RESULTS_PER_STATEMENT)));
  }
}

export async function findEvalRun(db: Db, id: number): Promise<EvalRunRow | null> {
  const [row] = await db
    .select(RUN_COLUMNS)
    .from(evalRuns)
    .innerJoin(features, eq(features.id, evalRuns.featureId))
    .where(eq(evalRuns.id, id));
  return row ?? null;
}

/** A feature's runs, newest first. */
export async function listEvalRuns(
  db: Db,
  params: { featureId: number; limit: number; environment?: string },
): Promise<EvalRunRow[]> {
  return db
    .select(RUN_COLUMNS)
    .from(evalRuns)
    .innerJoin(features, eq(features.id, evalRuns.featureId))
    .where(
      and(
        eq(evalRuns.featureId, params.featureId),
        params.environment ? eq(evalRuns.environment, params.environment) : undefined,
      ),
    )
    .orderBy(desc(evalRuns.startedAt), desc(evalRuns.id))
    .limit(params.limit);
}

/** A run's results in the order they were uploaded within each case name, case names alphabetically. */
export async function listEvalResults(db: Db, runId: number): Promise<EvalResultRow[]> {
  return db
    .select({
      caseName: evalResults.caseName,
      repeat: evalResults.repeat,
      passed: evalResults.passed,
      score: evalResults.score,
      weight: evalResults.weight,
      input: evalResults.input,
      output: evalResults.output,
      expected: evalResults.expected,
      assertions: evalResults.assertions,
      latencyMs: evalResults.latencyMs,
      costUsd: evalResults.costUsd,
      error: evalResults.error,
    })
    .from(evalResults)
    .where(eq(evalResults.runId, runId))
    .orderBy(asc(evalResults.caseName), asc(evalResults.repeat));
}

/** The feature's baseline run (the newest, should several ever be marked). */
export async function findBaselineRun(db: Db, featureId: number): Promise<EvalRunRow | null> {
  const [row] = await db
    .select(RUN_COLUMNS)
    .from(evalRuns)
    .innerJoin(features, eq(features.id, evalRuns.featureId))
    .where(and(eq(evalRuns.featureId, featureId), eq(evalRuns.isBaseline, true)))
    .orderBy(desc(evalRuns.startedAt), desc(evalRuns.id))
    .limit(1);
  return row ?? null;
}

/**
 * Makes `runId` its feature's only baseline; answers the runs that were baseline before. Takes the
 * feature's row lock first, so two markings of one feature never interleave.
 */
export async function setBaselineRun(tx: Db, params: { featureId: number; runId: number }): Promise<number[]> {
  await tx.execute(sql`select 1 from ${features} where ${features.id} = ${params.featureId} for update`);
  const previous = await tx
    .update(evalRuns)
    .set({ isBaseline: false })
    .where(and(eq(evalRuns.featureId, params.featureId), eq(evalRuns.isBaseline, true)))
    .returning({ id: evalRuns.id });
  await tx.update(evalRuns).set({ isBaseline: true }).where(eq(evalRuns.id, params.runId));
  return previous.map((r) => r.id);
}
