// PLACEHOLDER owned by sdk-core: at merge, take sdk-core's lib/sdk/core.ts instead of this file.
// It mirrors the names and signatures sdk-core exports (runChain, streamChain, BreakerRegistry,
// the step helpers) with the least behaviour the client and its tests need: kill switch first,
// steps in order, one CallRecord per call. No timeouts, retries or breakers here.
import type { CallRecorder, ChatMessage, Route, SwitchReader } from './types.ts';

export interface RunOptions {
  signal?: AbortSignal;
  deadlineMs?: number;
  prompt?: string | ChatMessage[];
  completion?: string;
  userId?: string;
  sessionId?: string;
  environment?: string;
  release?: string;
  metadata?: Record<string, unknown>;
  id?: string;
}

export interface ModelStep<T> {
  kind: 'model';
  model: string;
  provider?: string;
  call: (signal: AbortSignal) => Promise<T>;
}
export interface StreamStep<C> {
  kind: 'stream';
  model: string;
  provider?: string;
  call: (signal: AbortSignal) => AsyncIterable<C> | Promise<AsyncIterable<C>>;
}
export interface RuleStep<T> {
  kind: 'rule';
  name: string;
  run: () => T | Promise<T>;
}
export type Step<T> = ModelStep<T> | RuleStep<T>;
export type StreamChainStep<C> = StreamStep<C> | RuleStep<C>;

export interface ChainResult<T> {
  value: T;
  route: Route;
  model: string;
  fallbackDepth: number;
  latencyMs: number;
  id: string;
}

export class BreakerRegistry {}

export interface ChainDeps {
  switches: SwitchReader;
  recorder: CallRecorder;
  breakers: BreakerRegistry;
}

export function model<T>(name: string, call: (signal: AbortSignal) => Promise<T>): ModelStep<T> {
  return { kind: 'model', model: name, call };
}

export function rule<T>(name: string, run: () => T | Promise<T>): RuleStep<T> {
  return { kind: 'rule', name, run };
}

export async function runChain<T>(feature: string, steps: readonly Step<T>[], options: RunOptions, deps: ChainDeps): Promise<ChainResult<T>> {
  const start = performance.now();
  const id = options.id ?? crypto.randomUUID();
  const killed = deps.switches.isKilled(feature);
  let firstModel = true;
  let lastError: unknown = new Error('no step answered');
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step.kind === 'model' && killed) continue;
    try {
      const value = step.kind === 'model' ? await step.call(options.signal ?? new AbortController().signal) : await step.run();
      const route: Route = killed ? 'killed' : step.kind === 'rule' ? 'rule' : firstModel ? 'primary' : 'fallback';
      const name = step.kind === 'model' ? step.model : step.name;
      const latencyMs = performance.now() - start;
      deps.recorder.record({
        id, feature, timestamp: new Date().toISOString(), model: name, outcome: 'ok', route, fallbackDepth: i,
        latencyMs: Math.round(latencyMs), environment: options.environment, release: options.release,
        prompt: options.prompt, completion: options.completion, metadata: options.metadata, userId: options.userId, sessionId: options.sessionId,
      });
      return { value, route, model: name, fallbackDepth: i, latencyMs, id };
    } catch (err) {
      lastError = err;
      if (step.kind === 'model') firstModel = false;
    }
  }
  throw lastError;
}

export async function streamChain<C>(feature: string, steps: readonly StreamChainStep<C>[], options: RunOptions, deps: ChainDeps): Promise<AsyncIterable<C>> {
  const killed = deps.switches.isKilled(feature);
  for (const step of steps) {
    if (step.kind === 'stream' && killed) continue;
    if (step.kind === 'stream') return await step.call(options.signal ?? new AbortController().signal);
    const value = await step.run();
    return (async function* () { yield value; })();
  }
  void deps;
  throw new Error('no step answered');
}
