import { describe, expect, it } from 'vitest';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import {
  model,
  openaiChunkText,
  openaiChunkUsage,
  openaiUsage,
  openaiValidate,
  openaiValidateJson,
  rule,
  runChain,
} from '@/lib/sdk/core';
import { testDeps } from '../../support/sdk-doubles';

const completion = (
  content: string | null,
  finish: ChatCompletion.Choice['finish_reason'] = 'stop',
): ChatCompletion => ({
  id: 'c',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-4o-mini',
  choices: [
    { index: 0, logprobs: null, finish_reason: finish, message: { role: 'assistant', content, refusal: null } },
  ],
  usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25, prompt_tokens_details: { cached_tokens: 8 } },
});

describe('OpenAI readers (typed against the official client)', () => {
  it('reads tokens, cached tokens and the completion', () => {
    expect(openaiUsage(completion('Hi'))).toEqual({
      inputTokens: 20,
      outputTokens: 5,
      cachedInputTokens: 8,
      completion: 'Hi',
    });
  });

  it('reads stream chunks: text from deltas, usage from the last chunk', () => {
    const chunk: ChatCompletionChunk = {
      id: 'c',
      object: 'chat.completion.chunk',
      created: 0,
      model: 'm',
      choices: [{ index: 0, delta: { content: 'He' }, finish_reason: null }],
    };
    const last: ChatCompletionChunk = {
      ...chunk,
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    };
    expect(openaiChunkText(chunk)).toBe('He');
    expect(openaiChunkText(last)).toBeUndefined();
    expect(openaiChunkUsage(last)).toMatchObject({ inputTokens: 3, outputTokens: 2 });
  });

  it('validate: an empty answer falls through, a content filter stops the chain', async () => {
    const { deps, recorder } = testDeps();
    const r = await runChain(
      'f',
      [model('a', async () => completion(''), { validate: openaiValidate }), rule('r', () => completion('rule'))],
      {},
      deps,
    );
    expect(r.route).toBe('rule');
    await expect(
      runChain(
        'f',
        [
          model('a', async () => completion(null, 'content_filter'), { validate: openaiValidate }),
          rule('r', () => completion('rule')),
        ],
        {},
        deps,
      ),
    ).rejects.toMatchObject({ name: 'ContentFilterError' });
    expect(recorder.last).toMatchObject({ outcome: 'error', errorType: 'content_filter', route: 'primary' });
  });

  it('validateJson: a JSON answer passes, a cut-off one falls through, an empty one and a content filter as in validate', () => {
    expect(openaiValidateJson(completion('{"answer":"yes","confidence":0.9}'))).toBe(true);
    expect(openaiValidateJson(completion('{"answer": "Here is what'))).toBe('the answer is not valid JSON');
    expect(openaiValidateJson(completion(''))).toBe('the completion is empty');
    expect(() => openaiValidateJson(completion(null, 'content_filter'))).toThrow(
      expect.objectContaining({ name: 'ContentFilterError' }),
    );
  });
});
