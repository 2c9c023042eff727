import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { callBodies, calls, features } from '../schema';

export type NewCall = typeof calls.$inferInsert;
export type NewCallBody = typeof callBodies.$inferInsert;

/**
 * Inserts calls in one multi-row statement; ids already stored are skipped (idempotent re-sends).
 * Returns the ids that were inserted now.
 */
export async function insertCalls(db: Db, rows: NewCall[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(calls).values(rows).onConflictDoNothing({ target: calls.id }).returning({ id: calls.id });
  return inserted.map((r) => r.id);
}

export async function insertCallBodies(db: Db, rows: NewCallBody[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(callBodies).values(rows).onConflictDoNothing({ target: callBodies.callId });
}

/** One stored call with its feature key and its (redacted) bodies, or undefined. */
export async function findCallById(db: Db, id: string) {
  const [row] = await db
    .select({
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
      prompt: callBodies.prompt,
      completion: callBodies.completion,
      metadata: callBodies.metadata,
      redactions: callBodies.redactions,
    })
    .from(calls)
    .innerJoin(features, eq(features.id, calls.featureId))
    .leftJoin(callBodies, eq(callBodies.callId, calls.id))
    .where(eq(calls.id, id));
  return row;
}

export type StoredCall = NonNullable<Awaited<ReturnType<typeof findCallById>>>;
