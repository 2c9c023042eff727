// The OTLP trace messages in their binary protobuf encoding, for OTLP/HTTP (application/x-protobuf)
// and OTLP/gRPC. The definitions are written here from the OTLP specification (opentelemetry-proto
// v1: common, resource, trace and collector/trace; google.rpc.Status and RetryInfo for errors):
// field names, numbers and types are the protocol. Only the fields Switchboard reads are declared;
// protobuf skips the others, as OTLP requires of receivers. Decoded messages take the shape of the
// OTLP/JSON encoding (camelCase names, 64-bit integers as decimal strings, trace and span ids as
// hex), so both encodings go through one schema and one mapping (lib/otlp/schema.ts, map-span.ts).
import protobuf from 'protobufjs';

const OTLP_PROTO = `
syntax = "proto3";

package opentelemetry.proto.common.v1;
message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; }

package opentelemetry.proto.resource.v1;
message Resource { repeated opentelemetry.proto.common.v1.KeyValue attributes = 1; }

package opentelemetry.proto.trace.v1;
message ResourceSpans {
  opentelemetry.proto.resource.v1.Resource resource = 1;
  repeated ScopeSpans scope_spans = 2;
}
message ScopeSpans {
  opentelemetry.proto.common.v1.InstrumentationScope scope = 1;
  repeated Span spans = 2;
}
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  bytes parent_span_id = 4;
  string name = 5;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 9;
  repeated Event events = 11;
  Status status = 15;
  message Event {
    fixed64 time_unix_nano = 1;
    string name = 2;
    repeated opentelemetry.proto.common.v1.KeyValue attributes = 3;
  }
}
message Status {
  string message = 2;
  int32 code = 3;
}

package opentelemetry.proto.collector.trace.v1;
message ExportTraceServiceRequest { repeated opentelemetry.proto.trace.v1.ResourceSpans resource_spans = 1; }
message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
message ExportTracePartialSuccess {
  int64 rejected_spans = 1;
  string error_message = 2;
}

package google.protobuf;
message Any {
  string type_url = 1;
  bytes value = 2;
}
message Duration {
  int64 seconds = 1;
  int32 nanos = 2;
}

package google.rpc;
message Status {
  int32 code = 1;
  string message = 2;
  repeated google.protobuf.Any details = 3;
}
message RetryInfo { google.protobuf.Duration retry_delay = 1; }
`;

// protobuf.parse reads one package per file: each block above is parsed into the same root.
const root = new protobuf.Root();
for (const block of OTLP_PROTO.split(/\n(?=package )/).slice(1)) protobuf.parse(`syntax = "proto3";\n${block}`, root);
root.resolveAll();

const ExportRequest = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
const ExportResponse = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');
const RpcStatus = root.lookupType('google.rpc.Status');
const RetryInfo = root.lookupType('google.rpc.RetryInfo');

/** Thrown for bytes that are not an ExportTraceServiceRequest. */
export class ProtobufDecodeError extends Error {}

/** Binary ExportTraceServiceRequest → its OTLP/JSON shape (validated afterwards by lib/otlp/schema.ts). */
export function decodeExportTraceRequest(bytes: Uint8Array): unknown {
  let request;
  try {
    // Both recurse into nested values: a message nested deeper than the stack is refused here too.
    request = ExportRequest.toObject(ExportRequest.decode(bytes), {
      longs: String,
      enums: Number,
      bytes: String,
      defaults: false,
      arrays: false,
    });
  } catch (err) {
    throw new ProtobufDecodeError(`The body is not a protobuf ExportTraceServiceRequest: ${(err as Error).message}.`);
  }
  for (const resourceSpans of request.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) hexIds(span);
    }
  }
  return request;
}

/** The JSON encoding writes trace and span ids as hex, where toObject gives base64. */
function hexIds(span: Record<string, unknown>): void {
  for (const field of ['traceId', 'spanId', 'parentSpanId']) {
    if (typeof span[field] === 'string') span[field] = Buffer.from(span[field], 'base64').toString('hex');
  }
}

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

export function encodeExportTraceResponse(partialSuccess?: PartialSuccess): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    ExportResponse.encode(ExportResponse.fromObject(partialSuccess ? { partialSuccess } : {})).finish(),
  );
}

/** A google.rpc.Status (the body of OTLP/HTTP protobuf errors, and gRPC's status details). */
export function encodeRpcStatus(code: number, message: string, retryAfterSeconds?: number): Uint8Array<ArrayBuffer> {
  const details =
    retryAfterSeconds === undefined
      ? []
      : [
          {
            typeUrl: 'type.googleapis.com/google.rpc.RetryInfo',
            value: RetryInfo.encode(RetryInfo.fromObject({ retryDelay: { seconds: retryAfterSeconds } })).finish(),
          },
        ];
  return new Uint8Array(RpcStatus.encode(RpcStatus.fromObject({ code, message, details })).finish());
}

/** The ExportTraceServiceResponse decoded, for tests and the CLI. */
export function decodeExportTraceResponse(bytes: Uint8Array): {
  partialSuccess?: { rejectedSpans?: string; errorMessage?: string };
} {
  return ExportResponse.toObject(ExportResponse.decode(bytes), { longs: String, defaults: false });
}

/** A google.rpc.Status decoded, for tests. */
export function decodeRpcStatus(bytes: Uint8Array): { code?: number; message?: string } {
  return RpcStatus.toObject(RpcStatus.decode(bytes), { defaults: false });
}
