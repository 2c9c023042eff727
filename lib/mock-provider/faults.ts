// Which faults the mock provider injects: one spec for every model, specs per model that override
// it field by field, validated with zod whether they come from CLI flags or from POST /_faults.
import { z } from 'zod';

const rate = z.number().min(0, 'Must be between 0 and 1.').max(1, 'Must be between 0 and 1.');
const ms = z
  .number()
  .int('Must be a whole number of milliseconds.')
  .min(0, 'Must be 0 or more.')
  .max(600_000, 'Must be at most 600000 ms.');

export const FaultSpecSchema = z.strictObject({
  /** Added before every answer (and before a stream's headers). */
  latencyMs: ms.optional(),
  /** Up to this much more, uniformly at random. */
  jitterMs: ms.optional(),
  /** Share of requests answered 429 with `Retry-After`. */
  rate429: rate.optional(),
  /** The `Retry-After` of those 429s, in seconds (default 1). */
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /** Share of requests answered with a 5xx. */
  rate5xx: rate.optional(),
  /** Which 5xx statuses, picked at random (default 500, 502, 503). */
  statuses5xx: z
    .array(z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]))
    .min(1)
    .optional(),
  /** Share of requests never answered: the connection stays open until the client gives up. */
  hangRate: rate.optional(),
  /** Streams are cut (connection destroyed) after this many content chunks. */
  breakAfterChunks: z.number().int().min(0).max(10_000).nullable().optional(),
  /** A stream's delay between its headers and its first content chunk. */
  ttftMs: ms.optional(),
  /** Delay between a stream's content chunks. */
  chunkIntervalMs: ms.optional(),
  /** Share of answers whose content is malformed JSON (the output a validator must reject). */
  invalidOutputRate: rate.optional(),
});
export type FaultSpec = z.infer<typeof FaultSpecSchema>;

/** POST /_faults: the scopes given replace their spec; `null` for a model removes its spec. */
export const FaultUpdateSchema = z.strictObject({
  global: FaultSpecSchema.nullable().optional(),
  models: z.record(z.string().min(1, 'A model name cannot be empty.'), FaultSpecSchema.nullable()).optional(),
});
export type FaultUpdate = z.infer<typeof FaultUpdateSchema>;

export interface FaultConfig {
  global: FaultSpec;
  models: Record<string, FaultSpec>;
}

export const emptyFaults = (): FaultConfig => ({ global: {}, models: {} });

export function applyFaultUpdate(config: FaultConfig, update: FaultUpdate): FaultConfig {
  const models = { ...config.models };
  for (const [model, spec] of Object.entries(update.models ?? {})) {
    if (spec) models[model] = spec;
    else delete models[model];
  }
  const global = update.global === undefined ? config.global : (update.global ?? {});
  return { global, models };
}

/** The spec in force for one model: its own fields over the global ones. */
export function faultsFor(config: FaultConfig, model: string): FaultSpec {
  return { ...config.global, ...config.models[model] };
}

export type FaultDecision =
  | { kind: 'hang' }
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'server_error'; status: number }
  | { kind: 'answer'; delayMs: number; invalidOutput: boolean };

/** Rolls the dice for one request; `random` is injectable so tests can pin the outcome. */
export function decideFault(spec: FaultSpec, random: () => number = Math.random): FaultDecision {
  if (spec.hangRate && random() < spec.hangRate) return { kind: 'hang' };
  if (spec.rate429 && random() < spec.rate429)
    return { kind: 'rate_limit', retryAfterSeconds: spec.retryAfterSeconds ?? 1 };
  if (spec.rate5xx && random() < spec.rate5xx) {
    const statuses = spec.statuses5xx ?? [500, 502, 503];
    return { kind: 'server_error', status: statuses[Math.floor(random() * statuses.length)] };
  }
  const delayMs = (spec.latencyMs ?? 0) + (spec.jitterMs ? Math.round(random() * spec.jitterMs) : 0);
  const invalidOutput = !!spec.invalidOutputRate && random() < spec.invalidOutputRate;
  return { kind: 'answer', delayMs, invalidOutput };
}
