// A stored call as the API answers it: the ingestion field names (feature key, not id) plus the
// computed cost and the redacted bodies. Lists and exports use the same fields without bodies.
import type { CallSummaryRow, StoredCall } from '@/db/queries/calls';
import type { StoredScore } from '@/db/queries/scores';

/** A 4-byte float column: round away representation noise (six decimals are plenty for 0..1). */
const roundScore = (score: number) => Math.round(score * 1e6) / 1e6;

export function callSummaryView(call: CallSummaryRow) {
  return {
    id: call.id,
    feature: call.feature,
    timestamp: call.ts.toISOString(),
    receivedAt: call.receivedAt.toISOString(),
    model: call.model,
    provider: call.provider,
    outcome: call.outcome,
    errorType: call.errorType,
    route: call.route,
    fallbackDepth: call.fallbackDepth,
    latencyMs: call.latencyMs,
    ttftMs: call.ttftMs,
    inputTokens: call.inputTokens,
    outputTokens: call.outputTokens,
    cachedInputTokens: call.cachedInputTokens,
    costUsd: call.costUsd,
    costSource: call.costSource,
    score: call.score === null ? null : roundScore(call.score),
    userId: call.userId,
    sessionId: call.sessionId,
    environment: call.environment,
    release: call.release,
  };
}

/** The call with its bodies and the scores sent after it (POST /api/v1/scores). */
export function callView(call: StoredCall, scores: StoredScore[] = []) {
  return {
    ...callSummaryView(call),
    scores: scores.map((s) => ({
      name: s.name,
      value: roundScore(s.value),
      comment: s.comment,
      source: s.source,
      updatedAt: s.updatedAt.toISOString(),
    })),
    prompt: call.prompt,
    completion: call.completion,
    metadata: call.metadata,
    /** Placeholders put in by redaction, by type: { "EMAIL": 2 }. */
    redactions: call.redactions ?? {},
  };
}

export type CallSummaryView = ReturnType<typeof callSummaryView>;
export type CallView = ReturnType<typeof callView>;
