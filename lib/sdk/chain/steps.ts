// The steps a fallback chain is made of, and the helpers that build them:
//   [model('gpt-4o', call), model('gpt-4o-mini', call), cache(lookup), rule('canned', run)]
import type { ChatMessage } from '../types.ts';

/** What a finished model call cost; every field optional. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  costUsd?: number;
  /** The answer's text, recorded as the call's completion. */
  completion?: string;
}

interface ModelStepBase {
  /** The model's name as recorded (e.g. `gpt-4o-mini`); also the circuit breaker's key. */
  model: string;
  /** The provider as recorded (e.g. `openai`); when set the breaker key is `provider/model`. */
  provider?: string;
  /** Per-attempt timeout (for streams: until the first chunk). Default 30,000 ms; cut to the deadline. */
  timeoutMs?: number;
  /** Retries of this model on 429, 5xx and network errors, before falling through. Default 1. */
  retries?: number;
  /** Set false to call this model without a circuit breaker. Default true. */
  breaker?: boolean;
}

export interface ModelStep<T> extends ModelStepBase {
  kind: 'model';
  /** Calls the model. Pass `signal` on to the client: it aborts on timeout, deadline and cancel. */
  call: (signal: AbortSignal) => Promise<T>;
  // Method syntax on purpose: a step typed from a call that only throws (T = never) still fits a chain.
  /** Reads tokens, cost and completion from the answer, for the record. */
  usage?(result: T): Usage | undefined;
  /** true, or the reason the answer is unusable (then the chain falls through). */
  validate?(result: T): true | string;
}

export interface StreamStep<C> extends ModelStepBase {
  kind: 'stream';
  /** Starts the stream (e.g. openai's `create({ stream: true }, { signal })`). */
  call: (signal: AbortSignal) => AsyncIterable<C> | Promise<AsyncIterable<C>>;
  /** Longest wait for the next chunk once the stream has begun; a stall is a mid-stream timeout. Default: timeoutMs. */
  idleTimeoutMs?: number;
  /** Reads usage from a chunk (openai sends it in the last chunk); later fields win. */
  usage?(chunk: C): Usage | undefined;
  /** The text a chunk adds to the completion, when the completion should be recorded. */
  text?(chunk: C): string | undefined;
}

export interface CacheStep<T> {
  kind: 'cache';
  /** Recorded as the call's model. Default `cache`. */
  name: string;
  /** A lookup slower than this is a miss. Default 1,000 ms. */
  timeoutMs?: number;
  /** The cached answer, or undefined on a miss. */
  lookup: (signal: AbortSignal) => Promise<T | undefined> | T | undefined;
}

export interface RuleStep<T> {
  kind: 'rule';
  /** Recorded as the call's model (e.g. `keyword-rules`). */
  name: string;
  run: () => T | Promise<T>;
}

export type TailStep<T> = CacheStep<T> | RuleStep<T>;
export type Step<T> = ModelStep<T> | TailStep<T>;
export type StreamChainStep<C> = StreamStep<C> | TailStep<C>;

export type ModelOptions<T> = Omit<ModelStep<T>, 'kind' | 'model' | 'call'>;
export type StreamOptions<C> = Omit<StreamStep<C>, 'kind' | 'model' | 'call'>;

export function model<T>(
  name: string,
  call: (signal: AbortSignal) => Promise<T>,
  options: ModelOptions<T> = {},
): ModelStep<T> {
  return { ...options, kind: 'model', model: name, call };
}

export function streamModel<C>(
  name: string,
  call: (signal: AbortSignal) => AsyncIterable<C> | Promise<AsyncIterable<C>>,
  options: StreamOptions<C> = {},
): StreamStep<C> {
  return { ...options, kind: 'stream', model: name, call };
}

export function cache<T>(
  lookup: (signal: AbortSignal) => Promise<T | undefined> | T | undefined,
  options: { name?: string; timeoutMs?: number } = {},
): CacheStep<T> {
  return { kind: 'cache', name: options.name ?? 'cache', timeoutMs: options.timeoutMs, lookup };
}

export function rule<T>(name: string, run: () => T | Promise<T>): RuleStep<T> {
  return { kind: 'rule', name, run };
}

/** Per call: cancellation, the overall deadline and what the record should carry. */
export interface RunOptions {
  /** Cancels the whole call: the running step's signal aborts and no further step starts. */
  signal?: AbortSignal;
  /** One budget for the whole chain; each model step's timeout is cut to what is left. Default 60,000 ms. */
  deadlineMs?: number;
  prompt?: string | ChatMessage[];
  /** The completion to record when `usage` does not give one. */
  completion?: string;
  userId?: string;
  sessionId?: string;
  environment?: string;
  release?: string;
  metadata?: Record<string, unknown>;
  /** The record's id (client-generated, idempotent). Default crypto.randomUUID(). */
  id?: string;
}

export type AttemptOutcome = 'ok' | 'error' | 'miss' | 'skipped';

/** One try of one step, in order; a retried model appears once per try. */
export interface Attempt {
  step: number;
  kind: 'model' | 'stream' | 'cache' | 'rule';
  /** The model, cache or rule name. */
  name: string;
  outcome: AttemptOutcome;
  /** Why a step was skipped without running. */
  skipped?: 'killed' | 'circuit_open' | 'deadline';
  errorType?: import('../types.ts').ErrorType;
  error?: unknown;
  latencyMs: number;
}
