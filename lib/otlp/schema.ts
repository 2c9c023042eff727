// The OTLP/HTTP JSON ExportTraceServiceRequest (opentelemetry-proto, JSON encoding): only the
// fields Switchboard reads are declared; unknown fields are ignored, as the OTLP spec requires.
import { z } from 'zod';

/** 64-bit integers arrive as decimal strings (the JSON mapping) or, from some exporters, numbers. */
const int64 = z.union([z.string().regex(/^-?\d+$/, 'must be a decimal integer'), z.number().int()]);
const unixNano = z.union([
  z.string().regex(/^\d+$/, 'must be nanoseconds since the epoch as a decimal string'),
  z.number().int().min(0),
]);

export type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | string;
  bytesValue?: string;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
};
export type KeyValue = { key: string; value?: AnyValue };

const AnyValueSchema: z.ZodType<AnyValue> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: int64.optional(),
    // "NaN", "Infinity" and "-Infinity" are strings in the JSON mapping.
    doubleValue: z.union([z.number(), z.string()]).optional(),
    bytesValue: z.string().optional(),
    arrayValue: z.object({ values: z.array(AnyValueSchema).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(KeyValueSchema).optional() }).optional(),
  }),
);
const KeyValueSchema: z.ZodType<KeyValue> = z.lazy(() =>
  z.object({ key: z.string(), value: AnyValueSchema.optional() }),
);
const attributes = z.array(KeyValueSchema).optional();

const SpanSchema = z.object({
  traceId: z.string().min(1, 'is required (hex)'),
  spanId: z.string().min(1, 'is required (hex)'),
  name: z.string().optional(),
  startTimeUnixNano: unixNano.optional(),
  endTimeUnixNano: unixNano.optional(),
  attributes,
  events: z.array(z.object({ name: z.string().optional(), timeUnixNano: unixNano.optional(), attributes })).optional(),
  status: z
    .object({ code: z.union([z.number().int(), z.string()]).optional(), message: z.string().optional() })
    .optional(),
});

export const ExportTraceServiceRequestSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes }).optional(),
        scopeSpans: z
          .array(
            z.object({
              scope: z.object({ name: z.string().optional() }).optional(),
              spans: z.array(SpanSchema).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

export type ExportTraceServiceRequest = z.output<typeof ExportTraceServiceRequestSchema>;
export type OtlpSpan = z.output<typeof SpanSchema>;
