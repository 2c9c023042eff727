// The demo's ONE seam with the SDK (lib/sdk: the chain from sdk-core, createSwitchboard from
// sdk-sync). Everything SDK-shaped the demo needs is here: the API it expects, how it loads it, and
// how one feature's call becomes a fallback chain over the official openai client.
//
// The SDK is built in parallel with this demo; until lib/sdk/index.ts exists the module is loaded by
// a computed path, so this project compiles without it and the demo says clearly what is missing.
// At merge, a static `import { createSwitchboard, model, streamModel, cache, rule } from '@/lib/sdk'`
// can replace loadSdk() and the interfaces below.
import type OpenAI from 'openai';
import type { Body } from '@/lib/demo/bodies';
import type { ChatMessage, Route } from '@/lib/sdk/types';
import type { TrafficFeature } from './catalog';

interface SdkUsage {
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  completion?: string;
}
interface ModelOptions<T> {
  provider?: string;
  timeoutMs?: number;
  usage?: (result: T) => SdkUsage | undefined;
  validate?: (result: T) => true | string;
}
interface StreamOptions<C> {
  provider?: string;
  timeoutMs?: number;
  usage?: (chunk: C) => SdkUsage | undefined;
  text?: (chunk: C) => string | undefined;
}
/** The OpenAI wire shapes the SDK's readers take (a chat completion, a stream chunk). */
type Completion = Pick<OpenAI.ChatCompletion, 'choices' | 'usage'> | { choices: { message: { content: string } }[]; usage?: undefined };
type Chunk = Pick<OpenAI.ChatCompletionChunk, 'choices' | 'usage'> | { choices: { delta: { content: string } }[]; usage?: undefined };
export interface RunOptions {
  signal?: AbortSignal;
  deadlineMs?: number;
  prompt?: string | ChatMessage[];
  release?: string;
  metadata?: Record<string, unknown>;
}

/** What the demo uses of the SDK (names and shapes as sdk-core and sdk-sync define them). */
export interface DemoSdk {
  createSwitchboard(options: { baseUrl: string; apiKey: string; environment?: string; release?: string }): DemoSwitchboard;
  model<T>(name: string, call: (signal: AbortSignal) => Promise<T>, options?: ModelOptions<T>): unknown;
  streamModel<C>(name: string, call: (signal: AbortSignal) => AsyncIterable<C> | Promise<AsyncIterable<C>>, options?: StreamOptions<C>): unknown;
  cache<T>(lookup: (signal: AbortSignal) => T | undefined, options?: { name?: string }): unknown;
  rule<T>(name: string, run: () => T): unknown;
  openaiUsage(completion: Completion): SdkUsage | undefined;
  openaiValidate(completion: Completion): true | string;
  openaiChunkUsage(chunk: Chunk): SdkUsage | undefined;
  openaiChunkText(chunk: Chunk): string | undefined;
}
export interface DemoSwitchboard {
  run<T>(feature: string, steps: readonly unknown[], options?: RunOptions): Promise<{ value: T; route: Route }>;
  stream<C>(feature: string, steps: readonly unknown[], options?: RunOptions): Promise<AsyncIterable<C> & { route: Route }>;
  /** True once the dashboard sent the switch states. */
  ready?(): Promise<boolean>;
  flush(): Promise<unknown>;
  close(): Promise<unknown>;
  stats?(): SdkStats;
}

export interface SdkStats {
  sent?: number;
  queued?: number;
  dropped?: number;
  stale?: boolean;
}

/** The SDK's own counters for the status line: what reached the dashboard and what did not. */
export function describeSdkStats(stats: SdkStats | undefined): string {
  if (!stats) return '';
  const parts = [`exported ${stats.sent ?? 0}`, `queued ${stats.queued ?? 0}`];
  if (stats.dropped) parts.push(`dropped ${stats.dropped}`);
  if (stats.stale) parts.push('switches STALE');
  return parts.join(', ');
}

export class SdkUnavailableError extends Error {}

export async function loadSdk(): Promise<DemoSdk> {
  const load = (path: string) => import(/* @vite-ignore */ path).then((m) => (m.default?.createSwitchboard ? m.default : m)) as Promise<Partial<DemoSdk>>;
  const sdk = await load(['..', 'sdk', 'index'].join('/')).catch((err: unknown) => {
    throw new SdkUnavailableError(`The Switchboard SDK (lib/sdk/index.ts) could not be loaded: ${(err as Error).message}`);
  });
  const needed = ['createSwitchboard', 'model', 'streamModel', 'cache', 'rule', 'openaiUsage', 'openaiValidate', 'openaiChunkUsage', 'openaiChunkText'] as const;
  const missing = needed.filter((name) => typeof sdk[name] !== 'function');
  if (missing.length) throw new SdkUnavailableError(`The Switchboard SDK does not export ${missing.join(', ')}; the demo needs them.`);
  return sdk as DemoSdk;
}

const toMessages = (prompt: Body['prompt']): OpenAI.ChatCompletionMessageParam[] =>
  typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt.map((m) => ({ role: m.role === 'system' ? 'system' : 'user', content: m.content }));

export interface FeatureCall {
  feature: TrafficFeature;
  body: Body;
  /** Whether the feature's cache holds this prompt (drawn by the traffic generator). */
  cacheHit: boolean;
}

/** Runs one call of a feature through the SDK's chain; resolves to the route that served it. */
export async function callFeature(sdk: DemoSdk, switchboard: DemoSwitchboard, openai: OpenAI, call: FeatureCall, signal?: AbortSignal): Promise<Route> {
  const { feature, body } = call;
  const messages = toMessages(body.prompt);
  const cached = feature.cache && call.cacheHit && body.completion ? body.completion : undefined;
  const options: RunOptions = { signal, deadlineMs: feature.deadlineMs, prompt: body.prompt, release: feature.release };
  // The cache and the rule answer in the provider's shape, so every step of a chain has one type.
  const tail = <T>(wrap: (text: string) => T) => [
    ...(feature.cache ? [sdk.cache<T>(() => (cached ? wrap(cached) : undefined), { name: feature.cache.name })] : []),
    ...(feature.rule ? [sdk.rule<T>(feature.rule.name, () => wrap(feature.rule!.answer(body)))] : []),
  ];

  if (!feature.stream) {
    const validate = (completion: Completion) => {
      const valid = sdk.openaiValidate(completion);
      if (valid !== true || !feature.json) return valid;
      try {
        JSON.parse(completion.choices[0]?.message.content ?? '');
        return true;
      } catch {
        return 'the answer is not valid JSON';
      }
    };
    const steps = feature.models.map(({ model, provider, timeoutMs }) =>
      sdk.model<Completion>(
        model,
        (signal) =>
          openai.chat.completions.create(
            { model, messages, max_tokens: feature.maxTokens, response_format: feature.json ? { type: 'json_object' } : undefined },
            { signal },
          ),
        { provider, timeoutMs, usage: sdk.openaiUsage, validate },
      ),
    );
    const answer = (content: string): Completion => ({ choices: [{ message: { content } }] });
    return (await switchboard.run<Completion>(feature.key, [...steps, ...tail(answer)], options)).route;
  }

  const steps = feature.models.map(({ model, provider, timeoutMs }) =>
    sdk.streamModel<Chunk>(
      model,
      (signal) =>
        openai.chat.completions.create(
          { model, messages, max_tokens: feature.maxTokens, stream: true, stream_options: { include_usage: true } },
          { signal },
        ),
      { provider, timeoutMs, usage: sdk.openaiChunkUsage, text: sdk.openaiChunkText },
    ),
  );
  const chunk = (content: string): Chunk => ({ choices: [{ delta: { content } }] });
  const stream = await switchboard.stream<Chunk>(feature.key, [...steps, ...tail(chunk)], options);
  for await (const part of stream) void part; // read to the end, as a UI would render it
  return stream.route;
}
