// OTLP in its binary protobuf encoding, over HTTP (application/x-protobuf, plain and gzip) and over
// gRPC (TraceService/Export), fed by the official OpenTelemetry JS exporters; then the refusals an
// exporter can meet, sent as raw bytes: nothing is stored and the server stays up.
import { gzipSync } from 'node:zlib';
import * as grpc from '@grpc/grpc-js';
import { SpanKind } from '@opentelemetry/api';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeRpcStatus } from '@/lib/otlp/proto';
import { spanCallId } from '@/lib/otlp/call-id';
import { getCall, storedIds } from '../support/calls';
import { baseUrl, createTestKey, otlpGrpcAddress } from '../support/system';

const endpoint = () => `${baseUrl()}/api/v1/otlp/v1/traces`;
const idOf = (s: ReadableSpan) => spanCallId(s.spanContext().traceId, s.spanContext().spanId);

let ingestKey: string;
let readKey: string;
beforeAll(async () => {
  ingestKey = await createTestKey(['ingest'], 'otlp-protobuf');
  readKey = await createTestKey(['read'], 'otlp-protobuf-read');
});

/** Exports one GenAI span and one HTTP span of a new feature through `exporter`; returns them. */
async function exportSpans(
  exporter: SpanExporter,
  label: string,
): Promise<{ feature: string; genai: ReadableSpan; http: ReadableSpan }> {
  const feature = `${label}-${Date.now().toString(36)}`;
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'py-app', 'switchboard.feature': feature }),
    spanProcessors: [new SimpleSpanProcessor(exporter), new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('genai', '1.0.0');
  const start = Date.now() - 500;
  const http = tracer.startSpan('POST /chat', { kind: SpanKind.SERVER, startTime: start });
  const span = tracer.startSpan('chat gpt-4o-mini', {
    kind: SpanKind.CLIENT,
    startTime: start,
    attributes: {
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.provider.name': 'openai',
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 80,
      'gen_ai.prompt': 'Call me at +1 415 555 0100',
    },
  });
  // Evaluation results (GenAI semantic conventions) become the call's scores; 4 is not on a 0-1 scale.
  span.addEvent('gen_ai.evaluation.result', {
    'gen_ai.evaluation.name': 'Relevance',
    'gen_ai.evaluation.score.value': 0.8,
    'gen_ai.evaluation.explanation': 'On topic',
  });
  span.addEvent('gen_ai.evaluation.result', { 'gen_ai.evaluation.name': 'Stars', 'gen_ai.evaluation.score.value': 4 });
  span.end(start + 420);
  http.end(start + 450);
  await provider.forceFlush();
  const spans = memory.getFinishedSpans(); // before shutdown, which empties the memory exporter
  await provider.shutdown();
  return {
    feature,
    genai: spans.find((s) => s.name.startsWith('chat'))!,
    http: spans.find((s) => s.name.startsWith('POST'))!,
  };
}

async function expectStoredOnce(feature: string, genai: ReadableSpan, http: ReadableSpan): Promise<void> {
  expect(await storedIds([idOf(genai), idOf(http)])).toEqual([idOf(genai)]);
  const call = await (await getCall(readKey, idOf(genai))).json();
  expect(call).toMatchObject({
    feature,
    model: 'gpt-4o-mini',
    provider: 'openai',
    latencyMs: 420,
    inputTokens: 1200,
    outputTokens: 80,
    outcome: 'ok',
  });
  expect(call.metadata.otel).toMatchObject({
    traceId: genai.spanContext().traceId,
    spanId: genai.spanContext().spanId,
    service: 'py-app',
  });
  expect(call.prompt).not.toContain('555 0100');
  expect(call.score).toBe(0.8);
  expect(call.scores).toEqual([
    expect.objectContaining({ name: 'Relevance', value: 0.8, comment: 'On topic', source: 'otel' }),
  ]);
}

/** Sends spans again (a new exporter: shutting the provider down shut the first one): OTLP retries must not double a call. */
function exportAgain(exporter: SpanExporter, spans: ReadableSpan[]): Promise<{ code: number; error?: Error }> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

describe('OTLP/HTTP protobuf with @opentelemetry/exporter-trace-otlp-proto', () => {
  for (const compression of [CompressionAlgorithm.NONE, CompressionAlgorithm.GZIP]) {
    it(`stores each GenAI span once (compression ${compression}) and ignores the others`, async () => {
      const exporter = () =>
        new ProtoExporter({ url: endpoint(), headers: { Authorization: `Bearer ${ingestKey}` }, compression });
      const { feature, genai, http } = await exportSpans(exporter(), `proto-${compression}`);
      await expectStoredOnce(feature, genai, http);
      expect((await exportAgain(exporter(), [genai, http])).code).toBe(0);
      expect(await storedIds([idOf(genai)])).toHaveLength(1);
    });
  }

  it('answers in protobuf: an ExportTraceServiceResponse with partial_success, errors as google.rpc.Status', async () => {
    const { genai } = await exportSpans(new InMemorySpanExporter(), 'proto-raw');
    const post = (body: Uint8Array, headers: Record<string, string> = {}, key: string | null = ingestKey) =>
      fetch(endpoint(), {
        method: 'POST',
        headers: {
          'content-type': 'application/x-protobuf',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...headers,
        },
        body: body as BodyInit,
      });
    // A GenAI span without a feature (none on the resource here) is rejected, with its reason.
    const bare = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'bare' }),
      spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())],
    });
    const noFeature = bare.getTracer('t').startSpan('chat', { attributes: { 'gen_ai.request.model': 'm' } });
    noFeature.end();
    const res = await post(ProtobufTraceSerializer.serializeRequest([noFeature as unknown as ReadableSpan])!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const answer = ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await res.arrayBuffer()));
    expect(answer.partialSuccess).toMatchObject({ rejectedSpans: 1 });
    expect(answer.partialSuccess?.errorMessage).toMatch(/no feature/);

    const valid = ProtobufTraceSerializer.serializeRequest([genai])!;
    const refusals: [string, Response, number, RegExp][] = [
      [
        'garbage',
        await post(new TextEncoder().encode('this is not protobuf at all')),
        400,
        /not a protobuf ExportTraceServiceRequest/,
      ],
      ['truncated', await post(valid.subarray(0, valid.length - 7)), 400, /protobuf/],
      ['no key', await post(valid, {}, null), 401, /key/],
      ['wrong scope', await post(valid, {}, readKey), 403, /ingest/],
      ['bad gzip', await post(valid, { 'content-encoding': 'gzip' }), 400, /gzip/],
      ['too large', await post(new Uint8Array(5 * 1024 * 1024 + 1)), 413, /larger than 5 MB/],
      // 10 MB of zeros inflate from ~10 KB: the limit counts the inflated bytes.
      [
        'gzip bomb',
        await post(gzipSync(Buffer.alloc(10 * 1024 * 1024)), { 'content-encoding': 'gzip' }),
        413,
        /larger than 5 MB/,
      ],
    ];
    for (const [name, response, status, message] of refusals) {
      expect(response.status, name).toBe(status);
      expect(response.headers.get('content-type'), name).toBe('application/x-protobuf');
      const rpcStatus = decodeRpcStatus(new Uint8Array(await response.arrayBuffer()));
      expect(rpcStatus.message, name).toMatch(message);
      expect(rpcStatus.code, name).toBeGreaterThan(0);
    }
    expect(await storedIds([idOf(genai)])).toEqual([]);
    expect((await fetch(`${baseUrl()}/api/health`)).status).toBe(200);
  });
});

describe('OTLP/gRPC with @opentelemetry/exporter-trace-otlp-grpc', () => {
  const metadata = (key: string) => {
    const m = new grpc.Metadata();
    m.set('authorization', `Bearer ${key}`);
    return m;
  };

  for (const compression of [CompressionAlgorithm.NONE, CompressionAlgorithm.GZIP]) {
    it(`stores each GenAI span once (compression ${compression})`, async () => {
      const exporter = () =>
        new GrpcExporter({ url: `http://${otlpGrpcAddress()}`, metadata: metadata(ingestKey), compression });
      const { feature, genai, http } = await exportSpans(exporter(), `grpc-${compression}`);
      await expectStoredOnce(feature, genai, http);
      const again = exporter();
      expect((await exportAgain(again, [genai, http])).code).toBe(0);
      expect(await storedIds([idOf(genai)])).toHaveLength(1);
      await again.shutdown();
    });
  }

  it('refuses with gRPC status codes: UNAUTHENTICATED, PERMISSION_DENIED, INVALID_ARGUMENT', async () => {
    const { genai } = await exportSpans(new InMemorySpanExporter(), 'grpc-raw');
    const client = new grpc.Client(otlpGrpcAddress(), grpc.credentials.createInsecure());
    const exportRaw = (bytes: Uint8Array, meta: grpc.Metadata) =>
      new Promise<grpc.ServiceError | null>((resolve) =>
        client.makeUnaryRequest(
          '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
          (b: Uint8Array) => Buffer.from(b),
          (b: Buffer) => b,
          bytes,
          meta,
          (err) => resolve(err),
        ),
      );
    const valid = ProtobufTraceSerializer.serializeRequest([genai])!;
    try {
      const noKey = await exportRaw(valid, new grpc.Metadata());
      expect(noKey?.code).toBe(grpc.status.UNAUTHENTICATED);
      expect((await exportRaw(valid, metadata(readKey)))?.code).toBe(grpc.status.PERMISSION_DENIED);
      const garbage = await exportRaw(new TextEncoder().encode('this is not protobuf at all'), metadata(ingestKey));
      expect(garbage?.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(garbage?.details).toMatch(/not a protobuf ExportTraceServiceRequest/);
      const badFeature = metadata(ingestKey);
      badFeature.set('switchboard-feature', 'Not A Feature!');
      expect((await exportRaw(valid, badFeature))?.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(await storedIds([idOf(genai)])).toEqual([]);
      expect(await exportRaw(valid, metadata(ingestKey))).toBeNull();
      expect(await storedIds([idOf(genai)])).toEqual([idOf(genai)]);
    } finally {
      client.close();
    }
  });
});
