// Readers for OpenAI-compatible responses (the official `openai` client, and the many providers that
// speak its wire format), so a step can say `usage: openaiUsage`. Structural types only: the SDK
// does not depend on the openai package.
import { ContentFilterError } from '../errors.ts';
import type { Usage } from './steps.ts';

interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

export interface OpenAICompletionLike {
  usage?: OpenAIUsage | null;
  choices?: { message?: { content?: string | null } | null; finish_reason?: string | null }[];
}

export interface OpenAIChunkLike {
  usage?: OpenAIUsage | null;
  choices?: { delta?: { content?: string | null } | null; finish_reason?: string | null }[];
}

function tokens(u: OpenAIUsage | null | undefined): Usage | undefined {
  if (!u) return undefined;
  return {
    inputTokens: u.prompt_tokens,
    outputTokens: u.completion_tokens,
    cachedInputTokens: u.prompt_tokens_details?.cached_tokens ?? undefined,
  };
}

/** Tokens and completion text of a chat completion. */
export function openaiUsage(completion: OpenAICompletionLike): Usage | undefined {
  const usage = tokens(completion.usage);
  const text = completion.choices?.[0]?.message?.content ?? undefined;
  return usage || text !== undefined ? { ...usage, completion: text } : undefined;
}

/** Tokens from a stream chunk; openai sends them in the last chunk with `stream_options: { include_usage: true }`. */
export function openaiChunkUsage(chunk: OpenAIChunkLike): Usage | undefined {
  return tokens(chunk.usage);
}

/** The text a stream chunk adds. */
export function openaiChunkText(chunk: OpenAIChunkLike): string | undefined {
  return chunk.choices?.[0]?.delta?.content ?? undefined;
}

/**
 * A `validate` for chat completions: an empty answer is invalid (falls through to the next step),
 * a `content_filter` finish throws ContentFilterError (recorded as such, not tried on another model).
 */
export function openaiValidate(completion: OpenAICompletionLike): true | string {
  const choice = completion.choices?.[0];
  if (choice?.finish_reason === 'content_filter') throw new ContentFilterError('The provider filtered the answer');
  return choice?.message?.content ? true : 'the completion is empty';
}

/** openaiValidate for a request that asked for JSON (`response_format`): an answer that does not parse is invalid too. */
export function openaiValidateJson(completion: OpenAICompletionLike): true | string {
  const valid = openaiValidate(completion);
  if (valid !== true) return valid;
  try {
    JSON.parse(completion.choices?.[0]?.message?.content ?? '');
    return true;
  } catch {
    return 'the answer is not valid JSON';
  }
}
