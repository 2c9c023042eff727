// What the mock answers: a deterministic but plausible completion for a prompt, and token counts
// estimated the way people eyeball them (about four characters per token).
import { createHash } from 'node:crypto';
import { messageText, type ChatRequest } from './request';

export const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

const OPENINGS = [
  'Here is what I found.',
  'Short answer: yes, with one caveat.',
  'Thanks for the details.',
  'Based on the information given,',
  'In summary,',
  'Good question.',
];
const BODIES = [
  'the request matches the documented behaviour, and the next step is to confirm the account settings.',
  'the plan includes this capability, so no upgrade is needed.',
  'the thread describes a billing issue that was resolved after the card was updated.',
  'the content follows the community guidelines and can be published.',
  'restarting the sync from the settings page usually fixes it within a few minutes.',
  'the customer wants a refund for the duplicate charge on the last invoice.',
];

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export interface Completion {
  content: string;
  promptTokens: number;
  completionTokens: number;
  finishReason: 'stop' | 'length';
}

/** The same request always gets the same answer; different prompts get different ones. */
export function completeChat(request: ChatRequest, options: { invalidOutput?: boolean } = {}): Completion {
  const prompt = request.messages.map(messageText).join('\n');
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
  const question = lastUser ? messageText(lastUser).replace(/\s+/g, ' ').trim() : '';
  const hash = digest(`${request.model}\n${prompt}`);
  const sentence = `${OPENINGS[hash[0] % OPENINGS.length]} ${BODIES[hash[1] % BODIES.length]}`;
  const wantsJson = request.response_format?.type === 'json_object' || request.response_format?.type === 'json_schema';
  let content = wantsJson
    ? JSON.stringify({ answer: sentence, confidence: Math.round((0.6 + (hash[2] / 255) * 0.4) * 100) / 100 })
    : question
      ? `${sentence} (Re: "${question.slice(0, 60)}${question.length > 60 ? '…' : ''}")`
      : sentence;
  // Invalid output: JSON cut off mid-value, which no parser accepts.
  if (options.invalidOutput) content = `{"answer": "${sentence.slice(0, 24)}`;

  const limit = request.max_completion_tokens ?? request.max_tokens ?? Infinity;
  let finishReason: Completion['finishReason'] = 'stop';
  if (estimateTokens(content) > limit) {
    content = content.slice(0, limit * 4);
    finishReason = 'length';
  }
  return { content, promptTokens: estimateTokens(prompt), completionTokens: estimateTokens(content), finishReason };
}

/** Splits content into stream deltas of a word or so each, keeping every character. */
export function splitIntoChunks(content: string): string[] {
  return content.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * Cached input tokens the way OpenAI reports them: prompts of 1024+ tokens whose first 1024 tokens
 * were seen before count as cached in 128-token steps. Remembers a bounded set of prefixes.
 */
export class PromptCache {
  private readonly seen = new Set<string>();
  constructor(private readonly limit = 10_000) {}

  cachedTokens(request: ChatRequest, promptTokens: number): number {
    if (promptTokens < 1024) return 0;
    const prefix = request.messages.map(messageText).join('\n').slice(0, 4096);
    const key = digest(`${request.model}\n${prefix}`).toString('base64');
    if (this.seen.has(key)) return Math.floor(promptTokens / 128) * 128;
    if (this.seen.size >= this.limit) this.seen.clear();
    this.seen.add(key);
    return 0;
  }
}
