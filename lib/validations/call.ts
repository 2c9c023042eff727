// The call contract of POST /api/v1/calls (docs/ingestion.md#the-call-fields): one schema per call,
// validated item by item so that one bad call does not sink its batch. Strict: unknown fields are
// refused by name.
import { z } from 'zod';
import { DAY_MS, HOUR_MS } from '@/lib/time/units';
import { callErrorMessage } from './call-errors';

export const MAX_CALLS_PER_BATCH = 1000;
export const FEATURE_KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Prompt and completion each: characters of text (roughly bytes for ASCII). */
export const MAX_BODY_CHARS = 256 * 1024;
export const MAX_METADATA_CHARS = 32 * 1024;
/** How far ahead of the server clock a timestamp may be (client clock skew). */
export const MAX_FUTURE_SKEW_MS = HOUR_MS;
const EARLIEST_TIMESTAMP = Date.parse('2000-01-01T00:00:00Z');
const MAX_INT = 2_147_483_647;

export const OUTCOMES = ['ok', 'error'] as const;
export const ERROR_TYPES = ['timeout', 'rate_limit', 'server_error', 'network', 'content_filter', 'other'] as const;
export const ROUTES = ['primary', 'fallback', 'cache', 'rule', 'killed'] as const;

/** JSON clients send null or "" for "not known": both mean absent for optional fields. */
const absent = (v: unknown) => (v === null || v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(absent, schema.optional());

const key = (what: string) =>
  z
    .string()
    .regex(
      FEATURE_KEY_PATTERN,
      `must be 1-64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. ${what})`,
    );
/** Short text fields: NUL cannot be stored in Postgres text (bodies replace it instead). */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\u0000]*$/, 'must not contain NUL (\\u0000) characters');
const count = () => z.number().int().min(0).max(MAX_INT);
const millis = () => z.number().int().min(0).max(DAY_MS);

const timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 timestamp with a time zone, e.g. 2025-01-31T12:00:00Z' })
  .transform((s, ctx) => {
    const ms = Date.parse(s);
    if (ms < EARLIEST_TIMESTAMP) ctx.addIssue({ code: 'custom', message: 'is before the year 2000' });
    else if (ms > Date.now() + MAX_FUTURE_SKEW_MS)
      ctx.addIssue({ code: 'custom', message: 'is more than an hour in the future; check the client clock' });
    return new Date(ms);
  });

export type ChatMessage = { role: string; content?: unknown; [field: string]: unknown };

/**
 * A prompt is text or chat messages (`[{ role, content }]`, content a string, content parts or
 * null; other message fields such as tool calls are kept). Checked by hand for exact messages.
 */
const prompt = z.unknown().transform((value, ctx): string | ChatMessage[] => {
  if (typeof value === 'string') {
    if (value.length > MAX_BODY_CHARS)
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_BODY_CHARS} characters` });
    return value;
  }
  if (!Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be a string or an array of chat messages ({ role, content })' });
    return z.NEVER;
  }
  value.forEach((message, i) => {
    if (!message || typeof message !== 'object' || Array.isArray(message)) {
      ctx.addIssue({ code: 'custom', path: [i], message: 'must be a chat message object ({ role, content })' });
    } else if (typeof message.role !== 'string' || message.role.length === 0 || message.role.length > 64) {
      ctx.addIssue({ code: 'custom', path: [i, 'role'], message: 'must be a string of 1-64 characters' });
    }
  });
  const size = jsonSize(value, MAX_BODY_CHARS);
  if (size > MAX_BODY_CHARS)
    ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_BODY_CHARS} characters of content` });
  return value as ChatMessage[];
});

const metadata = z.record(z.string().max(200), z.unknown()).superRefine((value, ctx) => {
  if (jsonSize(value, MAX_METADATA_CHARS) > MAX_METADATA_CHARS) {
    ctx.addIssue({
      code: 'custom',
      message: `must be at most ${MAX_METADATA_CHARS} characters of JSON, nested at most 8 deep`,
    });
  }
});

export const CallSchema = z
  .strictObject({
    id: z.guid().transform((id) => id.toLowerCase()),
    feature: key('"support-agent"'),
    timestamp: optional(timestamp),
    model: text(200).min(1),
    provider: optional(text(100)),
    outcome: z.preprocess(absent, z.enum(OUTCOMES).default('ok')),
    errorType: optional(z.enum(ERROR_TYPES)),
    route: z.preprocess(absent, z.enum(ROUTES).default('primary')),
    fallbackDepth: z.preprocess(absent, z.number().int().min(0).max(20).default(0)),
    latencyMs: millis(),
    ttftMs: optional(millis()),
    inputTokens: optional(count()),
    outputTokens: optional(count()),
    cachedInputTokens: optional(count()),
    costUsd: optional(z.number().min(0).max(100_000)),
    score: optional(z.number().min(0).max(1)),
    userId: optional(text(200)),
    sessionId: optional(text(200)),
    environment: z.preprocess(absent, key('"production"').default('production')),
    release: optional(text(200)),
    prompt: optional(prompt),
    completion: optional(z.string().max(MAX_BODY_CHARS)),
    metadata: optional(metadata),
  })
  .superRefine((call, ctx) => {
    if (call.errorType && call.outcome !== 'error') {
      ctx.addIssue({ code: 'custom', path: ['errorType'], message: 'is only allowed when outcome is "error"' });
    }
    // OpenAI usage semantics: cached input tokens are part of the input tokens.
    if (
      call.cachedInputTokens !== undefined &&
      call.inputTokens !== undefined &&
      call.cachedInputTokens > call.inputTokens
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['cachedInputTokens'],
        message: 'cannot exceed inputTokens (cached input tokens are counted in inputTokens)',
      });
    }
  });

export type CallInput = z.input<typeof CallSchema>;
export type ValidCall = z.output<typeof CallSchema>;

/** The envelope: `{ "calls": [ … ] }`. Items are checked one by one with CallSchema. */
export const CallBatchSchema = z.strictObject({
  calls: z.array(z.unknown()).max(MAX_CALLS_PER_BATCH, `send at most ${MAX_CALLS_PER_BATCH} calls per request`),
});

/**
 * CallSchema compiled ahead of time (zod's z.compile): a generated validator checks each call
 * about three times faster than zod's runtime walk and falls back to that walk for a call it
 * rejects, so results and issues stay the same. Ingestion validates every call it receives.
 * Compiled on first use, not on import: the browser imports this module for its constants, and
 * compiling there would evaluate generated code, which the Content-Security-Policy forbids.
 */
let compiledCallSchema: ReturnType<typeof z.compile<typeof CallSchema>> | undefined;

/** Validates one call; failures come back as readable `field: problem` lines. */
export function parseCall(value: unknown): { ok: true; call: ValidCall } | { ok: false; errors: string[] } {
  compiledCallSchema ??= z.compile(CallSchema);
  const fast = compiledCallSchema.safeParse(value);
  if (fast.success) return { ok: true, call: fast.data };
  // A per-parse error map makes every parse slower, so only failures are parsed again with it.
  const parsed = CallSchema.safeParse(value, { error: callErrorMessage });
  if (parsed.success) return { ok: true, call: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    ),
  };
}

/**
 * Approximate JSON size of a value in characters, stopping early once past `limit`; nesting
 * deeper than 8 counts as too large.
 */
export function jsonSize(value: unknown, limit: number, depth = 0): number {
  if (depth > 8) return Infinity;
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return 8;
  let size = 2;
  if (Array.isArray(value)) {
    for (const item of value) if ((size += jsonSize(item, limit - size, depth + 1) + 1) > limit) return size;
    return size;
  }
  for (const k of Object.keys(value)) {
    size += k.length + 4 + jsonSize((value as Record<string, unknown>)[k], limit - size, depth + 1);
    if (size > limit) return size;
  }
  return size;
}
