import { and, desc, eq, sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';
import { jsonRowsInsert } from '../json-rows';
import { callBodies, calls, features } from '../schema';

export type NewCall = typeof calls.$inferInsert;
export type NewCallBody = typeof callBodies.$inferInsert;

const insertCallRows = jsonRowsInsert(calls, [
  'id',
  'featureId',
  'ts',
  'model',
  'provider',
  'outcome',
  'errorType',
  'route',
  'fallbackDepth',
  'latencyMs',
  'ttftMs',
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'costUsd',
  'costSource',
  'score',
  'userId',
  'sessionId',
  'environment',
  'release',
]);
const insertBodyRows = jsonRowsInsert(callBodies, ['callId', 'ts', 'prompt', 'completion', 'metadata', 'redactions']);

export interface InsertedCalls {
  /** The ids inserted now. */
  ids: string[];
  /** The inserting transaction's id (calls.ingest_xid), to confirm its commit; null when nothing was inserted. */
  xid: string | null;
}

/**
 * Inserts calls with one statement (rows as one jsonb parameter); calls already stored with the
 * same (id, ts) are skipped (idempotent re-sends). The partitions of their days must exist.
 */
export async function insertCalls(db: Db, rows: NewCall[]): Promise<InsertedCalls> {
  if (rows.length === 0) return { ids: [], xid: null };
  const result = await db.execute(
    sql`${insertCallRows(rows)} on conflict (id, ts) do nothing returning id, ingest_xid::text as xid`,
  );
  const inserted = resultRows<{ id: string; xid: string }>(result);
  return { ids: inserted.map((r) => r.id), xid: inserted[0]?.xid ?? null };
}

/**
 * Throws unless transaction `xid` committed. A COMMIT sent into a transaction that had already
 * failed answers without an error and rolls back, so a driver that swallowed the failure (as
 * postgres.js did behind a transaction pooler with named prepared statements, issue 13) would
 * report stored calls that are not: checked before any batch is acknowledged. Inside a caller's
 * transaction (`db` is one, and `xid` is its own) the commit is the caller's to confirm.
 */
export async function confirmCommitted(db: Db, xid: string): Promise<void> {
  const [row] = resultRows<{ status: string | null; own: boolean | null }>(
    await db.execute(
      sql`select pg_xact_status(${xid}::xid8) as status, pg_current_xact_id_if_assigned() = ${xid}::xid8 as own`,
    ),
  );
  if (row?.status === 'committed' || row?.own) return;
  throw new Error(
    `The database did not commit the batch (transaction ${xid}: ${row?.status ?? 'unknown'}); nothing was stored.`,
  );
}

export async function insertCallBodies(db: Db, rows: NewCallBody[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`${insertBodyRows(rows)} on conflict (call_id, ts) do nothing`);
}

/** The typed columns of a call, as lists, exports and the detail read them. */
export const summaryColumns = {
  id: calls.id,
  feature: features.key,
  ts: calls.ts,
  receivedAt: calls.receivedAt,
  model: calls.model,
  provider: calls.provider,
  outcome: calls.outcome,
  errorType: calls.errorType,
  route: calls.route,
  fallbackDepth: calls.fallbackDepth,
  latencyMs: calls.latencyMs,
  ttftMs: calls.ttftMs,
  inputTokens: calls.inputTokens,
  outputTokens: calls.outputTokens,
  cachedInputTokens: calls.cachedInputTokens,
  costUsd: calls.costUsd,
  costSource: calls.costSource,
  score: calls.score,
  userId: calls.userId,
  sessionId: calls.sessionId,
  environment: calls.environment,
  release: calls.release,
};

export const bodyColumns = {
  prompt: callBodies.prompt,
  completion: callBodies.completion,
  metadata: callBodies.metadata,
  redactions: callBodies.redactions,
};

/** Joins a call to its bodies: both tables are partitioned by ts, so the join names it too. */
export const bodiesOfCall = and(eq(callBodies.callId, calls.id), eq(callBodies.ts, calls.ts));

/** One stored call with its feature key and its (redacted) bodies, or undefined. */
export async function findCallById(db: Db, id: string) {
  const [row] = await db
    .select({ ...summaryColumns, ...bodyColumns })
    .from(calls)
    .innerJoin(features, eq(features.id, calls.featureId))
    .leftJoin(callBodies, bodiesOfCall)
    .where(eq(calls.id, id))
    // The same id under two timestamps can only come from two clients reusing an id: show the latest.
    .orderBy(desc(calls.ts))
    .limit(1);
  return row;
}

export type StoredCall = NonNullable<Awaited<ReturnType<typeof findCallById>>>;
export type CallSummaryRow = Omit<StoredCall, keyof typeof bodyColumns>;
