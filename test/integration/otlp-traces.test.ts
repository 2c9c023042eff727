// The OTLP/HTTP receiver in its JSON encoding against the running app, fed by the real OpenTelemetry JS SDK and
// its OTLP/HTTP exporter, plus the error answers an exporter can meet.
import { gzipSync } from 'node:zlib';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spanCallId } from '@/lib/otlp/call-id';
import { resultRows } from '@/db/client';
import { getCall, storedIds } from '../support/calls';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

const endpoint = () => `${baseUrl()}/api/v1/otlp/v1/traces`;

function postTraces(key: string | null, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(endpoint(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  });
}

/** ExportResultCode.SUCCESS is 0 (@opentelemetry/core, not a direct dependency). */
function exportAgain(exporter: OTLPTraceExporter, spans: ReadableSpan[]): Promise<{ code: number; error?: Error }> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

async function callCount(ids: string[]): Promise<number> {
  const { db } = await testDatabase();
  const rows = resultRows<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from calls where id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    ),
  );
  return rows[0].n;
}

describe('POST /api/v1/otlp/v1/traces with the OpenTelemetry JS exporter', () => {
  let ingestKey: string;
  let readKey: string;
  beforeAll(async () => {
    ingestKey = await createTestKey(['ingest'], 'otlp-tests');
    readKey = await createTestKey(['read'], 'otlp-read');
  });

  const memory = new InMemorySpanExporter();
  let exporter: OTLPTraceExporter;
  let provider: BasicTracerProvider;
  afterAll(async () => provider?.shutdown());

  it('stores a GenAI span once with the mapped fields, ignores the HTTP span, and a re-export stays one call', async () => {
    const feature = `otel-${Date.now().toString(36)}`;
    exporter = new OTLPTraceExporter({ url: endpoint(), headers: { Authorization: `Bearer ${ingestKey}` } });
    provider = new BasicTracerProvider({
      resource: resourceFromAttributes({
        'service.name': 'otel-app',
        'service.version': '3.1.0',
        'deployment.environment.name': 'staging',
        'switchboard.feature': feature,
      }),
      spanProcessors: [new SimpleSpanProcessor(exporter), new SimpleSpanProcessor(memory)],
    });
    const tracer = provider.getTracer('genai-instrumentation', '1.0.0');

    const http = tracer.startSpan('GET /orders', {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': 'GET' },
    });
    const start = Date.now() - 800;
    const span = tracer.startSpan('chat gpt-4o-mini', {
      kind: SpanKind.CLIENT,
      startTime: start,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 321,
        'gen_ai.usage.output_tokens': 45,
        'user.id': 'user-otel',
        'session.id': 'session-otel',
        'gen_ai.prompt': 'My email is jane@example.com, where is my order?',
        'gen_ai.completion': 'It ships today.',
      },
    });
    span.setAttribute('gen_ai.response.model', 'gpt-4o-mini-2024-07-18');
    span.end(start + 750);
    const failed = tracer.startSpan('chat gpt-4o', {
      startTime: start,
      attributes: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.system': 'openai', 'error.type': '429' },
    });
    failed.setStatus({ code: SpanStatusCode.ERROR, message: 'Too Many Requests' });
    failed.end(start + 100);
    http.end();
    await provider.forceFlush();

    const exported = memory.getFinishedSpans();
    expect(exported).toHaveLength(3);
    const idOf = (s: ReadableSpan) => spanCallId(s.spanContext().traceId, s.spanContext().spanId);
    const okId = idOf(exported.find((s) => s.name === 'chat gpt-4o-mini')!);
    const errorId = idOf(exported.find((s) => s.name === 'chat gpt-4o')!);
    const httpId = idOf(exported.find((s) => s.name === 'GET /orders')!);
    expect(await storedIds([okId, errorId, httpId])).toEqual([okId, errorId].sort());

    const res = await getCall(readKey, okId);
    expect(res.status).toBe(200);
    const call = await res.json();
    expect(call).toMatchObject({
      feature,
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      outcome: 'ok',
      errorType: null,
      route: 'primary',
      latencyMs: 750,
      inputTokens: 321,
      outputTokens: 45,
      userId: 'user-otel',
      sessionId: 'session-otel',
      environment: 'staging',
      release: '3.1.0',
      completion: 'It ships today.',
      metadata: { otel: { traceId: exported[0].spanContext().traceId, service: 'otel-app', operation: 'chat' } },
    });
    expect(call.timestamp).toBe(new Date(start).toISOString());
    // The same redaction as POST /api/v1/calls: the e-mail address is not stored.
    expect(call.prompt).not.toContain('jane@example.com');
    expect(call.redactions).toMatchObject({ EMAIL: 1 });
    expect(await (await getCall(readKey, errorId)).json()).toMatchObject({
      outcome: 'error',
      errorType: 'rate_limit',
      model: 'gpt-4o',
      provider: 'openai',
      latencyMs: 100,
    });

    const again = await exportAgain(exporter, exported);
    expect(again.code).toBe(0);
    expect(await callCount([okId, errorId, httpId])).toBe(2);
  });

  it('answers with partialSuccess counting rejected GenAI spans and ignored spans', async () => {
    const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const span = (spanId: string, attributes: object[]) => ({
      traceId,
      spanId,
      name: spanId,
      kind: 3,
      startTimeUnixNano: `${Date.now() - 1000}000000`,
      endTimeUnixNano: `${Date.now()}000000`,
      attributes,
      status: { code: 0 },
    });
    const model = { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } };
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'raw' } }] },
          scopeSpans: [
            {
              scope: { name: 'manual' },
              spans: [
                span('0000000000000001', [model]),
                span('0000000000000002', [model, { key: 'switchboard.feature', value: { stringValue: 'Not A Key' } }]),
                span('0000000000000003', [{ key: 'http.route', value: { stringValue: '/x' } }]),
                span('0000000000000004', [model, { key: 'gen_ai.usage.input_tokens', value: { intValue: '12' } }]),
              ],
            },
          ],
        },
      ],
    };
    const res = await postTraces(ingestKey, body);
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.partialSuccess.rejectedSpans).toBe(3);
    expect(answer.partialSuccess.errorMessage).toMatch(/no feature/);
    expect(answer.partialSuccess.errorMessage).toMatch(/feature: must be 1-64 lowercase/);
    expect(answer.partialSuccess.errorMessage).toMatch(/1 non-GenAI span ignored/);

    // With ?feature= the spans without a feature attribute get that feature.
    const withDefault = await fetch(`${endpoint()}?feature=otel-default`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestKey}` },
      body: JSON.stringify(body),
    });
    expect((await withDefault.json()).partialSuccess.rejectedSpans).toBe(1);
    const stored = await (await getCall(readKey, spanCallId(traceId, '0000000000000004'))).json();
    expect(stored).toMatchObject({ feature: 'otel-default', inputTokens: 12 });
  });

  it('accepts a gzip-compressed body', async () => {
    const traceId = 'feedfacefeedfacefeedfacefeedface';
    const spanId = `${Date.now().toString(16).padStart(16, '0')}`;
    const body = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId,
                  spanId,
                  startTimeUnixNano: `${Date.now() - 5}000000`,
                  endTimeUnixNano: `${Date.now()}000000`,
                  attributes: [
                    { key: 'gen_ai.request.model', value: { stringValue: 'm' } },
                    { key: 'app.feature', value: { stringValue: 'otel-gzip' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const res = await postTraces(ingestKey, gzipSync(JSON.stringify(body)), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(await storedIds([spanCallId(traceId, spanId)])).toHaveLength(1);
  });

  it('answers 400 for malformed data, 415 for another content type, 401 without a key and 403 without the ingest scope', async () => {
    const notJson = await postTraces(ingestKey, '{"resourceSpans": [');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe('invalid_json');

    const wrongShape = await postTraces(ingestKey, {
      resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: 'ab', startTimeUnixNano: 'yesterday' }] }] }],
    });
    expect(wrongShape.status).toBe(400);
    const wrong = await wrongShape.json();
    expect(wrong.error.code).toBe('invalid_request');
    expect(wrong.error.message).toMatch(/ExportTraceServiceRequest/);
    expect(Object.keys(wrong.error.fieldErrors ?? {}).join(' ')).toMatch(/traceId/);

    const text = await postTraces(ingestKey, 'resourceSpans', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await text.json()).error.message).toMatch(/application\/x-protobuf or application\/json/);

    const badGzip = await postTraces(ingestKey, new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4]), {
      'content-encoding': 'gzip',
    });
    expect(badGzip.status).toBe(400);
    expect((await badGzip.json()).error.message).toMatch(/gzip/);

    const tooLarge = await postTraces(
      ingestKey,
      JSON.stringify({ resourceSpans: [], padding: 'x'.repeat(5 * 1024 * 1024) }),
    );
    expect(tooLarge.status).toBe(413);

    const noKey = await postTraces(null, { resourceSpans: [] });
    expect(noKey.status).toBe(401);
    expect((await noKey.json()).error.code).toBe('unauthorized');
    expect((await postTraces(readKey, { resourceSpans: [] })).status).toBe(403);
    expect(await (await postTraces(ingestKey, { resourceSpans: [] })).json()).toEqual({});
  });
});
