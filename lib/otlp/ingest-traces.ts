// Ingests an OTLP ExportTraceServiceRequest: GenAI spans become calls stored through the same
// ingestCalls path as POST /api/v1/calls (validation, redaction, cost, idempotency); other
// spans are ignored and counted; their gen_ai.evaluation.result events become scores of their calls.
// The answer is OTLP's ExportTraceServiceResponse.
import type { Db } from '@/db';
import { badRequest, validationError } from '@/lib/api/errors';
import { ingestCalls } from '@/lib/ingest/ingest-calls';
import type { CallInput } from '@/lib/validations/call';
import { storeScores } from '@/lib/scores/ingest-scores';
import { parseScore } from '@/lib/validations/score';
import { EVALUATION_EVENT, spanEvaluations, type SpanEvaluations } from './evaluations';
import { mapSpan, type MapOptions } from './map-span';
import { ExportTraceServiceRequestSchema } from './schema';

/** GenAI spans per request (an OTLP BatchSpanProcessor sends at most 512 by default). */
export const MAX_GENAI_SPANS = 5000;
/** Reasons quoted in errorMessage; the rest are summarised by their count. */
const QUOTED_REASONS = 5;

export interface TraceIngestResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  ignored: number;
  /** gen_ai.evaluation.result events left out (no score from 0 to 1). */
  skippedEvaluations: number;
  reasons: string[];
}

export interface ExportTraceServiceResponse {
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}

export async function ingestTraces(
  db: Db,
  body: unknown,
  options: MapOptions & { receivedAt?: Date } = {},
): Promise<TraceIngestResult> {
  const parsed = ExportTraceServiceRequestSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error, 'The body is not a valid OTLP ExportTraceServiceRequest.');
  const calls: CallInput[] = [];
  const evaluations: SpanEvaluations[] = [];
  const reasons: string[] = [];
  let ignored = 0;
  for (const resourceSpans of parsed.data.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        const mapped = mapSpan(span, resourceSpans.resource?.attributes, options);
        if (mapped.kind === 'ignored') ignored++;
        else if (mapped.kind === 'rejected') reasons.push(mapped.reason);
        else {
          calls.push(mapped.call);
          evaluations.push(spanEvaluations(span));
        }
      }
    }
  }
  if (calls.length > MAX_GENAI_SPANS)
    throw badRequest(`Send at most ${MAX_GENAI_SPANS} GenAI spans per request (this one has ${calls.length}).`);
  if (calls.length === 0)
    return { accepted: 0, duplicates: 0, rejected: reasons.length, ignored, skippedEvaluations: 0, reasons };

  const result = await ingestCalls(db, { calls }, { receivedAt: options.receivedAt, maxCalls: MAX_GENAI_SPANS });
  const rejectedIndexes = new Set(result.rejected.map((r) => r.index));
  for (const r of result.rejected) {
    const metadata = calls[r.index].metadata as { otel: { spanId: string; spanName?: string } };
    reasons.push(`span ${metadata.otel.spanId} (${metadata.otel.spanName ?? 'unnamed'}): ${r.errors.join('; ')}`);
  }
  // The evaluation results of the stored spans, as scores of their calls (idempotent like the calls).
  const scores = calls.flatMap((call, i) =>
    rejectedIndexes.has(i) ? [] : evaluations[i].scores.map((s) => parseScore({ ...s, callId: call.id })),
  );
  const valid = scores.flatMap((s) => (s.ok ? [s.score] : []));
  if (valid.length) await storeScores(db, valid);
  const skippedEvaluations = evaluations.reduce((n, e) => n + e.skipped, 0) + (scores.length - valid.length);
  return {
    accepted: result.accepted,
    duplicates: result.duplicates,
    rejected: reasons.length,
    ignored,
    skippedEvaluations,
    reasons,
  };
}

/** OTLP: an empty partialSuccess means full success; it is sent only when something was left out. */
export function exportResponse(result: TraceIngestResult): ExportTraceServiceResponse {
  if (result.rejected === 0 && result.ignored === 0 && result.skippedEvaluations === 0) return {};
  const parts: string[] = [];
  if (result.rejected > 0) {
    const quoted = result.reasons.slice(0, QUOTED_REASONS).join(' | ');
    const more = result.rejected > QUOTED_REASONS ? ` | and ${result.rejected - QUOTED_REASONS} more` : '';
    parts.push(`${result.rejected} GenAI span${result.rejected === 1 ? '' : 's'} rejected: ${quoted}${more}`);
  }
  if (result.ignored > 0)
    parts.push(`${result.ignored} non-GenAI span${result.ignored === 1 ? '' : 's'} ignored (no gen_ai.* attributes)`);
  if (result.skippedEvaluations > 0) {
    parts.push(
      `${result.skippedEvaluations} ${EVALUATION_EVENT} event${result.skippedEvaluations === 1 ? '' : 's'} left out (scores are numbers from 0 to 1 in gen_ai.evaluation.score.value)`,
    );
  }
  return { partialSuccess: { rejectedSpans: result.rejected, errorMessage: parts.join('. ') } };
}
