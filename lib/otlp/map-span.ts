// One OTLP span → one Switchboard call (the input of POST /api/v1/calls), following the GenAI
// semantic conventions and OpenLLMetry's traceloop attributes. Validation stays in ingestCalls.
import type { CallInput } from '@/lib/validations/call';
import { attributeMap, countAttr, stringAttr, type Attributes } from './attributes';
import { completionOf, promptOf } from './bodies';
import { spanCallId } from './call-id';
import { errorTypeOf } from './error-type';
import type { KeyValue, OtlpSpan } from './schema';

const GENAI_MARKERS = [
  'gen_ai.request.model',
  'gen_ai.response.model',
  'gen_ai.operation.name',
  'gen_ai.system',
  'gen_ai.provider.name',
];
export const FEATURE_ATTRIBUTES = ['switchboard.feature', 'app.feature', 'traceloop.association.properties.feature'];
const STATUS_CODE_ERROR = 2;

export type SpanMapping =
  { kind: 'ignored' } | { kind: 'call'; call: CallInput } | { kind: 'rejected'; reason: string };

export interface MapOptions {
  /** Feature for spans that carry none (the `feature` query parameter of the endpoint). */
  defaultFeature?: string;
}

export function isGenAiSpan(attrs: Attributes): boolean {
  return GENAI_MARKERS.some((key) => attrs.has(key));
}

export function mapSpan(
  span: OtlpSpan,
  resourceAttributes: KeyValue[] | undefined,
  options: MapOptions = {},
): SpanMapping {
  const attrs = attributeMap(resourceAttributes, span.attributes);
  if (!isGenAiSpan(attrs)) return { kind: 'ignored' };
  const where = `span ${span.spanId} (${span.name ?? 'unnamed'})`;

  const feature = stringAttr(attrs, ...FEATURE_ATTRIBUTES) ?? options.defaultFeature;
  if (!feature)
    return {
      kind: 'rejected',
      reason: `${where}: no feature; set the span or resource attribute switchboard.feature (or add ?feature=… to the endpoint URL)`,
    };
  const model = stringAttr(attrs, 'gen_ai.response.model', 'gen_ai.request.model');
  if (!model)
    return { kind: 'rejected', reason: `${where}: no model; set gen_ai.request.model or gen_ai.response.model` };
  if (span.startTimeUnixNano === undefined || span.endTimeUnixNano === undefined) {
    return { kind: 'rejected', reason: `${where}: startTimeUnixNano and endTimeUnixNano are required` };
  }
  const start = BigInt(span.startTimeUnixNano);
  const end = BigInt(span.endTimeUnixNano);
  if (end < start) return { kind: 'rejected', reason: `${where}: endTimeUnixNano is before startTimeUnixNano` };

  const failed = isErrorStatus(span.status?.code) || attrs.has('error.type');
  const inputTokens = countAttr(attrs, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens');
  const cached = countAttr(attrs, 'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens');
  const call: CallInput = {
    id: spanCallId(span.traceId, span.spanId),
    feature,
    timestamp: new Date(Number(start / 1_000_000n)).toISOString(),
    model,
    provider: stringAttr(attrs, 'gen_ai.provider.name', 'gen_ai.system'),
    outcome: failed ? 'error' : 'ok',
    errorType: failed ? errorTypeOf(attrs) : undefined,
    latencyMs: Number((end - start) / 1_000_000n),
    inputTokens,
    outputTokens: countAttr(attrs, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'),
    // The conventions count cached tokens inside input tokens; a provider that reports them
    // apart (more cached than input) would fail validation, so the figure is dropped instead.
    cachedInputTokens:
      cached !== undefined && (inputTokens === undefined || cached <= inputTokens) ? cached : undefined,
    userId: stringAttr(attrs, 'user.id', 'enduser.id', 'traceloop.association.properties.user_id'),
    sessionId: stringAttr(attrs, 'session.id', 'gen_ai.conversation.id', 'traceloop.association.properties.session_id'),
    environment: stringAttr(attrs, 'deployment.environment.name', 'deployment.environment')?.toLowerCase(),
    release: stringAttr(attrs, 'service.version'),
    prompt: promptOf(attrs),
    completion: completionOf(attrs),
    metadata: spanMetadata(span, attrs),
  };
  return { kind: 'call', call };
}

function isErrorStatus(code: number | string | undefined): boolean {
  return code === STATUS_CODE_ERROR || code === 'STATUS_CODE_ERROR';
}

/** Where the call came from, so it can be found again in the tracing backend. */
function spanMetadata(span: OtlpSpan, attrs: Attributes): Record<string, unknown> {
  const otel: Record<string, unknown> = { traceId: span.traceId, spanId: span.spanId };
  if (span.name) otel.spanName = span.name;
  const service = stringAttr(attrs, 'service.name');
  if (service) otel.service = service;
  const operation = stringAttr(attrs, 'gen_ai.operation.name');
  if (operation) otel.operation = operation;
  return { otel };
}
