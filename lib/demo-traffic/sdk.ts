// The demo's seam with the SDK: how one feature's call becomes a fallback chain over the
// official openai client, exactly as an application would write it.
import type OpenAI from 'openai';
import type { Body } from '@/lib/demo/bodies';
import {
  cache,
  model,
  openaiChunkText,
  openaiChunkUsage,
  openaiUsage,
  openaiValidate,
  openaiValidateJson,
  rule,
  streamModel,
  type RunOptions,
  type Switchboard,
} from '@/lib/sdk/index';
import type { Route } from '@/lib/sdk/types';
import type { TrafficFeature } from './catalog';

/** The OpenAI wire shapes the SDK's readers take (a chat completion, a stream chunk). */
type Completion =
  Pick<OpenAI.ChatCompletion, 'choices' | 'usage'> | { choices: { message: { content: string } }[]; usage?: undefined };
type Chunk =
  | Pick<OpenAI.ChatCompletionChunk, 'choices' | 'usage'>
  | { choices: { delta: { content: string } }[]; usage?: undefined };

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

const toMessages = (prompt: Body['prompt']): OpenAI.ChatCompletionMessageParam[] =>
  typeof prompt === 'string'
    ? [{ role: 'user', content: prompt }]
    : prompt.map((m) => ({ role: m.role === 'system' ? 'system' : 'user', content: m.content }));

export interface FeatureCall {
  feature: TrafficFeature;
  body: Body;
  /** Whether the feature's cache holds this prompt (drawn by the traffic generator). */
  cacheHit: boolean;
}

/** Runs one call of a feature through the SDK's chain; resolves to the route that served it. */
export async function callFeature(
  switchboard: Switchboard,
  openai: OpenAI,
  call: FeatureCall,
  signal?: AbortSignal,
): Promise<Route> {
  const { feature, body } = call;
  const messages = toMessages(body.prompt);
  const cached = feature.cache && call.cacheHit && body.completion ? body.completion : undefined;
  const options: RunOptions = { signal, deadlineMs: feature.deadlineMs, prompt: body.prompt, release: feature.release };
  // The cache and the rule answer in the provider's shape, so every step of a chain has one type.
  const tail = <T>(wrap: (text: string) => T) => [
    ...(feature.cache ? [cache<T>(() => (cached ? wrap(cached) : undefined), { name: feature.cache.name })] : []),
    ...(feature.rule ? [rule<T>(feature.rule.name, () => wrap(feature.rule!.answer(body)))] : []),
  ];

  const request = (name: string) => ({ model: name, messages, max_tokens: feature.maxTokens });

  if (!feature.stream) {
    const validate = feature.json ? openaiValidateJson : openaiValidate;
    const steps = feature.models.map(({ model: name, provider, timeoutMs }) =>
      model<Completion>(
        name,
        (signal) =>
          openai.chat.completions.create(
            { ...request(name), response_format: feature.json ? { type: 'json_object' } : undefined },
            { signal },
          ),
        { provider, timeoutMs, usage: openaiUsage, validate },
      ),
    );
    const answer = (content: string): Completion => ({ choices: [{ message: { content } }] });
    return (await switchboard.run<Completion>(feature.key, [...steps, ...tail(answer)], options)).route;
  }

  const steps = feature.models.map(({ model: name, provider, timeoutMs }) =>
    streamModel<Chunk>(
      name,
      (signal) =>
        openai.chat.completions.create(
          { ...request(name), stream: true, stream_options: { include_usage: true } },
          { signal },
        ),
      { provider, timeoutMs, usage: openaiChunkUsage, text: openaiChunkText },
    ),
  );
  const chunk = (content: string): Chunk => ({ choices: [{ delta: { content } }] });
  const stream = await switchboard.stream<Chunk>(feature.key, [...steps, ...tail(chunk)], options);
  for await (const part of stream) void part; // read to the end, as a UI would render it
  return stream.route;
}
