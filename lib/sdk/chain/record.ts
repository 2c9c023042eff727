// Building the one CallRecord each call leaves behind, and handing it over without ever throwing
// into the caller: recording is a plain object passed to `recorder.record`, nothing more.
import type { CallRecord, CallRecorder, ErrorType, Route } from '../types.ts';
import type { RunOptions, Usage } from './steps.ts';

/** How a call was served (or where it failed). */
export interface Served {
  route: Route;
  /** The model that answered, or the cache/rule step's name. */
  model: string;
  provider?: string;
  /** Index of the serving step in the chain (0 = the first step). */
  fallbackDepth: number;
}

export interface Finish extends Served {
  outcome: 'ok' | 'error';
  errorType?: ErrorType;
  latencyMs: number;
  ttftMs?: number;
  usage?: Usage;
  /** Merged over options.metadata (e.g. `{ aborted: true }`). */
  extraMetadata?: Record<string, unknown>;
}

export function newCallId(options: RunOptions): string {
  return options.id ?? crypto.randomUUID();
}

// Formatting a date costs about 1 µs, a tenth of the call path's budget; calls within the same
// millisecond share one string.
let isoMs = NaN;
let iso = '';
function isoTimestamp(ms: number): string {
  if (ms !== isoMs) {
    isoMs = ms;
    iso = new Date(ms).toISOString();
  }
  return iso;
}

export function buildRecord(
  id: string,
  feature: string,
  startedAt: number,
  options: RunOptions,
  f: Finish,
): CallRecord {
  const u = f.usage;
  return {
    id,
    feature,
    timestamp: isoTimestamp(startedAt),
    model: f.model,
    provider: f.provider,
    outcome: f.outcome,
    errorType: f.errorType,
    route: f.route,
    fallbackDepth: f.fallbackDepth,
    latencyMs: Math.max(0, Math.round(f.latencyMs)),
    ttftMs: f.ttftMs === undefined ? undefined : Math.max(0, Math.round(f.ttftMs)),
    inputTokens: u?.inputTokens,
    outputTokens: u?.outputTokens,
    cachedInputTokens: u?.cachedInputTokens,
    costUsd: u?.costUsd,
    userId: options.userId,
    sessionId: options.sessionId,
    environment: options.environment,
    release: options.release,
    prompt: options.prompt,
    completion: u?.completion ?? options.completion,
    metadata: f.extraMetadata ? { ...options.metadata, ...f.extraMetadata } : options.metadata,
  };
}

/** Hands the record over; a recorder that throws is ignored rather than failing the call. */
export function safeRecord(recorder: CallRecorder, record: CallRecord): void {
  try {
    recorder.record(record);
  } catch {
    // Telemetry must never break or slow the feature it observes.
  }
}

/** Reads a user-supplied usage function without letting it throw into the call. */
export function safeUsage<R>(fn: ((r: R) => Usage | undefined) | undefined, result: R): Usage | undefined {
  if (!fn) return undefined;
  try {
    return fn(result) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Route of a serving step: the first model step is the primary, later ones fallbacks. */
export function routeOf(kind: 'model' | 'stream' | 'cache' | 'rule', isFirstModel: boolean, killed: boolean): Route {
  if (killed) return 'killed';
  if (kind === 'cache') return 'cache';
  if (kind === 'rule') return 'rule';
  return isFirstModel ? 'primary' : 'fallback';
}
