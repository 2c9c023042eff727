// The OTLP → call mapping, with payloads shaped like @opentelemetry/exporter-trace-otlp-http's
// JSON (otlp-transformer's JSON serializer: hex ids, nanosecond times as decimal strings,
// intValue as a JSON number, resource attributes apart from span attributes).
import { describe, expect, it } from 'vitest';
import { spanCallId } from '@/lib/otlp/call-id';
import { exportResponse } from '@/lib/otlp/ingest-traces';
import { mapSpan } from '@/lib/otlp/map-span';
import { ExportTraceServiceRequestSchema, type KeyValue, type OtlpSpan } from '@/lib/otlp/schema';
import { parseCall } from '@/lib/validations/call';

const str = (key: string, stringValue: string): KeyValue => ({ key, value: { stringValue } });
const int = (key: string, intValue: number | string): KeyValue => ({ key, value: { intValue } });

const START = '1764240000000000000'; // 2025-11-27T10:40:00Z
const END = '1764240001250000000'; // 1.25 s later

const resource: KeyValue[] = [
  str('service.name', 'support-api'),
  str('service.version', '2.4.1'),
  str('deployment.environment.name', 'Staging'),
  str('telemetry.sdk.language', 'nodejs'),
];

function exporterPayload(spans: object[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: resource, droppedAttributesCount: 0 },
        scopeSpans: [{ scope: { name: 'openai-instrumentation', version: '1.0.0' }, spans }],
      },
    ],
  };
}

function genAiSpan(attributes: KeyValue[], extra: Partial<OtlpSpan> & Record<string, unknown> = {}) {
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: 'eee19b7ec3c1b174',
    parentSpanId: undefined,
    name: 'chat gpt-4o-mini',
    kind: 3,
    startTimeUnixNano: START,
    endTimeUnixNano: END,
    attributes,
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    status: { code: 0 },
    links: [],
    droppedLinksCount: 0,
    ...extra,
  };
}

function mapOne(span: object, defaultFeature?: string) {
  const parsed = ExportTraceServiceRequestSchema.parse(exporterPayload([span]));
  const rs = parsed.resourceSpans![0];
  return mapSpan(rs.scopeSpans![0].spans![0], rs.resource?.attributes, { defaultFeature });
}

describe('OTLP span → call', () => {
  it('maps a GenAI span with the current semantic conventions', () => {
    const mapped = mapOne(
      genAiSpan([
        str('gen_ai.operation.name', 'chat'),
        str('gen_ai.provider.name', 'openai'),
        str('gen_ai.request.model', 'gpt-4o-mini'),
        str('gen_ai.response.model', 'gpt-4o-mini-2024-07-18'),
        int('gen_ai.usage.input_tokens', 120),
        int('gen_ai.usage.output_tokens', '35'),
        int('gen_ai.usage.cache_read.input_tokens', 64),
        str('switchboard.feature', 'support-agent'),
        str('user.id', 'u-42'),
        str('gen_ai.conversation.id', 'conv-7'),
        str(
          'gen_ai.input.messages',
          JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] }]),
        ),
        str(
          'gen_ai.output.messages',
          JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'It ships today.' }] }]),
        ),
      ]),
    );
    expect(mapped.kind).toBe('call');
    if (mapped.kind !== 'call') return;
    expect(mapped.call).toMatchObject({
      id: spanCallId('5b8efff798038103d269b633813fc60c', 'eee19b7ec3c1b174'),
      feature: 'support-agent',
      timestamp: '2025-11-27T10:40:00.000Z',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      outcome: 'ok',
      latencyMs: 1250,
      inputTokens: 120,
      outputTokens: 35,
      cachedInputTokens: 64,
      userId: 'u-42',
      sessionId: 'conv-7',
      environment: 'staging',
      release: '2.4.1',
      completion: 'It ships today.',
      metadata: {
        otel: {
          traceId: '5b8efff798038103d269b633813fc60c',
          spanId: 'eee19b7ec3c1b174',
          spanName: 'chat gpt-4o-mini',
          service: 'support-api',
          operation: 'chat',
        },
      },
    });
    expect(mapped.call.prompt).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] }]);
    expect(mapped.call.errorType).toBeUndefined();
    // What the mapping produces passes the call contract of POST /api/v1/calls.
    expect(parseCall(mapped.call).ok).toBe(true);
  });

  it('maps OpenLLMetry spans: gen_ai.system, prompt/completion tokens, indexed bodies, association properties', () => {
    const mapped = mapOne(
      genAiSpan([
        str('gen_ai.system', 'Anthropic'),
        str('gen_ai.request.model', 'claude-3-5-haiku'),
        int('gen_ai.usage.prompt_tokens', 50),
        int('gen_ai.usage.completion_tokens', 9),
        str('traceloop.association.properties.feature', 'summarise'),
        str('traceloop.association.properties.user_id', 'u-1'),
        str('traceloop.association.properties.session_id', 's-1'),
        str('gen_ai.prompt.0.role', 'system'),
        str('gen_ai.prompt.0.content', 'Be brief.'),
        str('gen_ai.prompt.1.role', 'user'),
        str('gen_ai.prompt.1.content', 'Summarise this.'),
        str('gen_ai.completion.0.role', 'assistant'),
        str('gen_ai.completion.0.content', 'Done.'),
      ]),
    );
    expect(mapped).toMatchObject({
      kind: 'call',
      call: {
        feature: 'summarise',
        model: 'claude-3-5-haiku',
        provider: 'Anthropic',
        inputTokens: 50,
        outputTokens: 9,
        userId: 'u-1',
        sessionId: 's-1',
        prompt: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Summarise this.' },
        ],
        completion: 'Done.',
      },
    });
  });

  it('marks errors from the span status and error.type, and maps the error type', () => {
    const base = [str('gen_ai.request.model', 'gpt-4o'), str('app.feature', 'chat')];
    const cases: [KeyValue[], object, string][] = [
      [[], { code: 2, message: 'boom' }, 'other'],
      [[str('error.type', 'TimeoutError')], { code: 0 }, 'timeout'],
      [[str('error.type', '429')], { code: 2 }, 'rate_limit'],
      [[str('error.type', 'RateLimitError')], { code: 2 }, 'rate_limit'],
      [[int('http.response.status_code', 503)], { code: 2 }, 'server_error'],
      [[str('error.type', 'APIConnectionError')], { code: 2 }, 'network'],
      [[str('error.type', 'content_filter')], { code: 2 }, 'content_filter'],
      [[str('error.type', '_OTHER')], { code: 2 }, 'other'],
    ];
    for (const [attrs, status, errorType] of cases) {
      const mapped = mapOne(genAiSpan([...base, ...attrs], { status }));
      expect(mapped, JSON.stringify(attrs)).toMatchObject({ kind: 'call', call: { outcome: 'error', errorType } });
    }
    expect(mapOne(genAiSpan(base, { status: { code: 1 } }))).toMatchObject({ kind: 'call', call: { outcome: 'ok' } });
  });

  it('takes the feature from the resource, else the default; without either the span is rejected with the reason', () => {
    const attrs = [str('gen_ai.request.model', 'gpt-4o')];
    const withResourceFeature = ExportTraceServiceRequestSchema.parse({
      resourceSpans: [
        {
          resource: { attributes: [str('switchboard.feature', 'from-resource')] },
          scopeSpans: [{ spans: [genAiSpan(attrs)] }],
        },
      ],
    });
    const rs = withResourceFeature.resourceSpans![0];
    expect(mapSpan(rs.scopeSpans![0].spans![0], rs.resource?.attributes)).toMatchObject({
      call: { feature: 'from-resource' },
    });
    expect(mapOne(genAiSpan(attrs), 'fallback-feature')).toMatchObject({ call: { feature: 'fallback-feature' } });
    const rejected = mapOne(genAiSpan(attrs));
    expect(rejected.kind).toBe('rejected');
    expect(rejected.kind === 'rejected' && rejected.reason).toMatch(/switchboard\.feature/);
  });

  it('ignores spans without gen_ai attributes and rejects GenAI spans without a model or with reversed times', () => {
    expect(mapOne(genAiSpan([str('http.request.method', 'GET'), str('switchboard.feature', 'x')]))).toEqual({
      kind: 'ignored',
    });
    expect(mapOne(genAiSpan([str('gen_ai.operation.name', 'chat'), str('switchboard.feature', 'x')]))).toMatchObject({
      kind: 'rejected',
      reason: expect.stringMatching(/no model/),
    });
    expect(
      mapOne(
        genAiSpan([str('gen_ai.request.model', 'm'), str('switchboard.feature', 'x')], {
          startTimeUnixNano: END,
          endTimeUnixNano: START,
        }),
      ),
    ).toMatchObject({
      kind: 'rejected',
    });
  });

  it('drops a cached-token count larger than the input tokens instead of failing the call', () => {
    const mapped = mapOne(
      genAiSpan([
        str('gen_ai.request.model', 'm'),
        str('switchboard.feature', 'x'),
        int('gen_ai.usage.input_tokens', 10),
        int('gen_ai.usage.cache_read_input_tokens', 900),
      ]),
    );
    expect(mapped).toMatchObject({ kind: 'call', call: { inputTokens: 10, cachedInputTokens: undefined } });
  });

  it('refuses a body that is not an ExportTraceServiceRequest', () => {
    expect(
      ExportTraceServiceRequestSchema.safeParse({ resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: 'a' }] }] }] })
        .success,
    ).toBe(false);
    expect(ExportTraceServiceRequestSchema.safeParse({ resourceSpans: 'nope' }).success).toBe(false);
    expect(
      ExportTraceServiceRequestSchema.safeParse(exporterPayload([genAiSpan([], { startTimeUnixNano: '12.5' })]))
        .success,
    ).toBe(false);
  });
});

describe('span call ids', () => {
  it('are deterministic UUIDv8 values that differ per span', () => {
    const id = spanCallId('5B8EFFF798038103D269B633813FC60C', 'EEE19B7EC3C1B174');
    expect(id).toBe(spanCallId('5b8efff798038103d269b633813fc60c', 'eee19b7ec3c1b174'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(spanCallId('5b8efff798038103d269b633813fc60c', 'eee19b7ec3c1b175')).not.toBe(id);
  });
});

describe('the export response', () => {
  it('is empty on full success and reports rejected and ignored spans otherwise', () => {
    expect(
      exportResponse({ accepted: 3, duplicates: 1, rejected: 0, ignored: 0, skippedEvaluations: 0, reasons: [] }),
    ).toEqual({});
    const partial = exportResponse({
      accepted: 1,
      duplicates: 0,
      rejected: 1,
      ignored: 2,
      skippedEvaluations: 0,
      reasons: ['span a (x): no model'],
    });
    expect(partial.partialSuccess?.rejectedSpans).toBe(1);
    expect(partial.partialSuccess?.errorMessage).toMatch(
      /1 GenAI span rejected: span a \(x\): no model\. 2 non-GenAI spans ignored/,
    );
    expect(
      exportResponse({ accepted: 1, duplicates: 0, rejected: 0, ignored: 1, skippedEvaluations: 0, reasons: [] })
        .partialSuccess,
    ).toEqual({ rejectedSpans: 0, errorMessage: expect.stringMatching(/1 non-GenAI span ignored/) });
    expect(
      exportResponse({ accepted: 1, duplicates: 0, rejected: 0, ignored: 0, skippedEvaluations: 2, reasons: [] })
        .partialSuccess?.errorMessage,
    ).toMatch(/2 gen_ai.evaluation.result events left out/);
  });
});
