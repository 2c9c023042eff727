import { and, desc, eq, sql } from 'drizzle-orm';
import { columnLiteral, jsonColumnLiteral } from '../array-literal';
import { resultRows, type Db } from '../client';
import { callBodies, calls, features } from '../schema';

export type NewCall = typeof calls.$inferInsert;
export type NewCallBody = typeof callBodies.$inferInsert;

/**
 * Inserts calls with one `unnest` statement; calls already stored with the same (id, ts) are
 * skipped (idempotent re-sends). The partitions of their days must exist. Returns the ids that
 * were inserted now.
 */
export async function insertCalls(db: Db, rows: NewCall[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const col = (pick: (r: NewCall) => unknown) => columnLiteral(rows, pick);
  const result = await db.execute(sql`
    insert into calls (id, feature_id, ts, model, provider, outcome, error_type, route, fallback_depth, latency_ms,
      ttft_ms, input_tokens, output_tokens, cached_input_tokens, cost_usd, cost_source, score, user_id, session_id,
      environment, release)
    select * from unnest(
      ${col((r) => r.id)}::uuid[], ${col((r) => r.featureId)}::int[], ${col((r) => r.ts)}::timestamptz[],
      ${col((r) => r.model)}::text[], ${col((r) => r.provider)}::text[], ${col((r) => r.outcome)}::call_outcome[],
      ${col((r) => r.errorType)}::call_error_type[], ${col((r) => r.route)}::call_route[],
      ${col((r) => r.fallbackDepth ?? 0)}::smallint[], ${col((r) => r.latencyMs)}::int[], ${col((r) => r.ttftMs)}::int[],
      ${col((r) => r.inputTokens)}::int[], ${col((r) => r.outputTokens)}::int[], ${col((r) => r.cachedInputTokens)}::int[],
      ${col((r) => r.costUsd)}::float8[], ${col((r) => r.costSource)}::text[], ${col((r) => r.score)}::real[],
      ${col((r) => r.userId)}::text[], ${col((r) => r.sessionId)}::text[], ${col((r) => r.environment)}::text[],
      ${col((r) => r.release)}::text[])
    on conflict (id, ts) do nothing
    returning id`);
  return resultRows<{ id: string }>(result).map((r) => r.id);
}

export async function insertCallBodies(db: Db, rows: NewCallBody[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into call_bodies (call_id, ts, prompt, completion, metadata, redactions)
    select id, ts, prompt::jsonb, completion, metadata::jsonb, redactions::jsonb from unnest(
      ${columnLiteral(rows, (r) => r.callId)}::uuid[], ${columnLiteral(rows, (r) => r.ts)}::timestamptz[],
      ${jsonColumnLiteral(rows, (r) => r.prompt)}::text[],
      ${columnLiteral(rows, (r) => r.completion)}::text[], ${jsonColumnLiteral(rows, (r) => r.metadata)}::text[],
      ${jsonColumnLiteral(rows, (r) => r.redactions)}::text[]
    ) as b(id, ts, prompt, completion, metadata, redactions)
    on conflict (call_id, ts) do nothing`);
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
