// Turns a validated call into the rows stored for it: the hot `calls` row with its cost, and the
// redacted bodies.
import type { NewCall, NewCallBody } from '@/db/queries/calls';
import { resolveCost } from '@/lib/cost/compute-cost';
import { storableText, type RedactionCounts } from '@/lib/sdk/redact/redactor';
import type { ValidCall } from '@/lib/validations/call';
import type { IngestConfig } from './ingest-config';

/** The calls row without its feature id, which may only be known inside the transaction. */
export function callRow(call: ValidCall, config: IngestConfig, receivedAt: Date): Omit<NewCall, 'featureId'> {
  const ts = call.timestamp ?? receivedAt;
  const cost = resolveCost(config.prices, { ...usageOf(call), model: call.model, at: ts, costUsd: call.costUsd });
  return {
    id: call.id,
    ts,
    model: storableText(call.model),
    provider: storable(call.provider),
    outcome: call.outcome,
    errorType: call.errorType ?? null,
    route: call.route,
    fallbackDepth: call.fallbackDepth,
    latencyMs: call.latencyMs,
    ttftMs: call.ttftMs ?? null,
    inputTokens: call.inputTokens ?? null,
    outputTokens: call.outputTokens ?? null,
    cachedInputTokens: call.cachedInputTokens ?? null,
    costUsd: cost.costUsd,
    costSource: cost.costSource,
    score: call.score ?? null,
    userId: storable(call.userId),
    sessionId: storable(call.sessionId),
    environment: call.environment,
    release: storable(call.release),
  };
}

/** Free text goes to Postgres inside JSON, which refuses unpaired surrogates (NUL is refused by validation). */
function storable(text: string | undefined): string | null {
  return text === undefined ? null : storableText(text);
}

function usageOf(call: ValidCall) {
  return { inputTokens: call.inputTokens, outputTokens: call.outputTokens, cachedInputTokens: call.cachedInputTokens };
}

/**
 * The redacted bodies (without the call's ts, which the caller adds), or null when there is nothing to keep. With `storeBodies` off the prompt
 * and completion are dropped unread; metadata is kept (redacted) because it describes the call.
 */
export function bodyRow(call: ValidCall, config: IngestConfig, storeBodies: boolean): Omit<NewCallBody, 'ts'> | null {
  const prompt = storeBodies ? call.prompt : undefined;
  const completion = storeBodies ? call.completion : undefined;
  if (prompt === undefined && completion === undefined && call.metadata === undefined) return null;
  const counts: RedactionCounts = {};
  const { redactor } = config;
  const row: Omit<NewCallBody, 'ts'> = {
    callId: call.id,
    prompt:
      prompt === undefined
        ? null
        : typeof prompt === 'string'
          ? redactor.text(prompt, counts)
          : redactor.value(prompt, counts),
    completion: completion === undefined ? null : redactor.text(completion, counts),
    metadata: call.metadata === undefined ? null : redactor.value(call.metadata, counts),
  };
  row.redactions = hasAny(counts) ? counts : null;
  return row;
}

function hasAny(counts: RedactionCounts): boolean {
  for (const _ in counts) return true;
  return false;
}
