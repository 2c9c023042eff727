import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { decodeExportTraceRequest, encodeExportTraceResponse, decodeExportTraceResponse, encodeRpcStatus, decodeRpcStatus } from '../../lib/otlp/proto';
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('t');
const span = tracer.startSpan('chat gpt-4o', { attributes: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 12, 'x.d': 1.5, 'x.b': true, 'x.arr': ['a', 'b'] } });
span.addEvent('gen_ai.evaluation.result', { 'gen_ai.evaluation.score.value': 0.5 });
span.setStatus({ code: 2, message: 'boom' });
span.end();
const bytes = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!;
console.log(JSON.stringify(decodeExportTraceRequest(bytes), null, 1).slice(0, 2500));
console.log(decodeExportTraceResponse(encodeExportTraceResponse({ rejectedSpans: 2, errorMessage: 'x' })), ProtobufTraceSerializer.deserializeResponse(encodeExportTraceResponse({ rejectedSpans: 2, errorMessage: 'x' })));
console.log(decodeRpcStatus(encodeRpcStatus(8, 'busy', 5)));
try { decodeExportTraceRequest(Buffer.from('garbage garbage')); } catch (e) { console.log('ERR', (e as Error).message); }
