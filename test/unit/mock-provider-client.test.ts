// The mock provider as the official openai client sees it: completions, streams, usage, and every
// fault it can inject, surfacing as the errors an application would really get.
import OpenAI, { APIConnectionTimeoutError, APIUserAbortError, InternalServerError, RateLimitError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockProvider, type MockProvider } from '@/lib/mock-provider';

let mock: MockProvider;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockProvider();
  // No retries: each request must reach the mock exactly once for the counters to mean something.
  client = new OpenAI({ baseURL: mock.baseUrl, apiKey: 'mock', maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await fetch(`${mock.origin}/_faults`, { method: 'DELETE' });
  await fetch(`${mock.origin}/_stats`, { method: 'DELETE' });
});

const setFaults = async (body: unknown) => {
  const res = await fetch(`${mock.origin}/_faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};
const ask = (model = 'gpt-4o', content = 'Where is my invoice?') => ({
  model,
  messages: [{ role: 'user' as const, content }],
});

describe('completions', () => {
  it('answers a plain completion with usage, the same way every time', async () => {
    const first = await client.chat.completions.create(ask());
    const again = await client.chat.completions.create(ask());
    expect(first.object).toBe('chat.completion');
    expect(first.model).toBe('gpt-4o');
    expect(first.choices[0].message.content).toMatch(/invoice/);
    expect(first.choices[0].finish_reason).toBe('stop');
    expect(again.choices[0].message.content).toBe(first.choices[0].message.content);
    expect(first.usage).toMatchObject({ prompt_tokens: 5, prompt_tokens_details: { cached_tokens: 0 } });
    expect(first.usage!.completion_tokens).toBeGreaterThan(5);
    expect(first.usage!.total_tokens).toBe(first.usage!.prompt_tokens + first.usage!.completion_tokens);
  });

  it('estimates prompt tokens from the input length and reports a repeated long prefix as cached', async () => {
    const long = 'x'.repeat(8_000);
    const first = await client.chat.completions.create(ask('gpt-4o-mini', long));
    const second = await client.chat.completions.create(ask('gpt-4o-mini', long));
    expect(first.usage!.prompt_tokens).toBe(2_000);
    expect(first.usage!.prompt_tokens_details!.cached_tokens).toBe(0);
    expect(second.usage!.prompt_tokens_details!.cached_tokens).toBe(1_920);
  });

  it('answers valid JSON content when JSON is asked for, and stops at max_tokens', async () => {
    const json = await client.chat.completions.create({ ...ask(), response_format: { type: 'json_object' } });
    expect(JSON.parse(json.choices[0].message.content!)).toHaveProperty('answer');
    const short = await client.chat.completions.create({ ...ask(), max_tokens: 2 });
    expect(short.choices[0].finish_reason).toBe('length');
    expect(short.usage!.completion_tokens).toBeLessThanOrEqual(2);
  });

  it('streams chunks, then the finish reason, then usage when asked', async () => {
    const stream = await client.chat.completions.create({
      ...ask(),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    const plain = await client.chat.completions.create(ask());
    expect(text).toBe(plain.choices[0].message.content);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage).toEqual(plain.usage);
  });

  it('lists models, including those used', async () => {
    await client.chat.completions.create(ask('my-custom-model'));
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o', 'gpt-4o-mini', 'my-custom-model']));
  });

  it('rejects an invalid request with an OpenAI-style 400 and counts no model call', async () => {
    const err = await client.chat.completions.create({ model: 'gpt-4o', messages: [] }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.status).toBe(400);
    expect(err.error).toMatchObject({ type: 'invalid_request_error', param: 'messages' });
    expect(err.message).toMatch(/at least one message/);
    const res = await fetch(`${mock.baseUrl}/chat/completions`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_json', type: 'invalid_request_error' });
    expect(mock.stats()).toMatchObject({ requests: 2, rejected: 2, models: {} });
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After, surfacing as a RateLimitError with the header', async () => {
    await setFaults({ models: { 'gpt-4o': { rate429: 1, retryAfterSeconds: 7 } } });
    const err = await client.chat.completions.create(ask()).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.headers.get('retry-after')).toBe('7');
    expect(err.error).toMatchObject({ code: 'rate_limit_exceeded' });
    // Only that model is limited.
    await expect(client.chat.completions.create(ask('gpt-4o-mini'))).resolves.toBeTruthy();
    expect(mock.stats().models['gpt-4o'].faults.rate_limit).toBe(1);
    expect(mock.stats().models['gpt-4o-mini']).toMatchObject({ requests: 1, answered: 1 });
  });

  it('answers 5xx with the configured statuses', async () => {
    await setFaults({ global: { rate5xx: 1, statuses5xx: [503] } });
    const err = await client.chat.completions.create(ask()).catch((e) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.status).toBe(503);
    expect(mock.stats().models['gpt-4o'].faults.server_error).toBe(1);
  });

  it('hangs until the client times out, or its signal aborts', async () => {
    await setFaults({ global: { hangRate: 1 } });
    const started = Date.now();
    const timedOut = await client.chat.completions.create(ask(), { timeout: 300 }).catch((e) => e);
    expect(timedOut).toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const aborted = await client.chat.completions.create(ask(), { signal: AbortSignal.timeout(200) }).catch((e) => e);
    expect(aborted).toBeInstanceOf(APIUserAbortError);
    expect(mock.stats().models['gpt-4o'].faults.hang).toBe(2);
  });

  it('adds latency, and delays a stream’s first token', async () => {
    await setFaults({ global: { latencyMs: 150, ttftMs: 200 } });
    let started = Date.now();
    await client.chat.completions.create(ask());
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    started = Date.now();
    const stream = await client.chat.completions.create({ ...ask(), stream: true });
    const headersAt = Date.now() - started;
    let firstTokenAt = 0;
    for await (const chunk of stream)
      if (!firstTokenAt && chunk.choices[0]?.delta.content) firstTokenAt = Date.now() - started;
    expect(headersAt).toBeGreaterThanOrEqual(145);
    expect(firstTokenAt).toBeGreaterThanOrEqual(345);
  });

  it('breaks a stream after N chunks: an error mid-iteration, after the chunks that came', async () => {
    await setFaults({ global: { breakAfterChunks: 2 } });
    const stream = await client.chat.completions.create({ ...ask(), stream: true });
    const received: string[] = [];
    const err = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(received).toHaveLength(2);
    expect(mock.stats().models['gpt-4o'].faults.broken_stream).toBe(1);
  });

  it('serves malformed JSON as invalid output', async () => {
    await setFaults({ global: { invalidOutputRate: 1 } });
    const res = await client.chat.completions.create({ ...ask(), response_format: { type: 'json_object' } });
    expect(() => JSON.parse(res.choices[0].message.content!)).toThrow();
    expect(mock.stats().models['gpt-4o'].faults.invalid_output).toBe(1);
  });

  it('changes faults at runtime: a model spec overrides the global one field by field, null removes it', async () => {
    let res = await setFaults({ global: { latencyMs: 10, rate5xx: 1 }, models: { 'gpt-4o-mini': { rate5xx: 0 } } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ global: { latencyMs: 10, rate5xx: 1 }, models: { 'gpt-4o-mini': { rate5xx: 0 } } });
    await expect(client.chat.completions.create(ask('gpt-4o-mini'))).resolves.toBeTruthy();
    await expect(client.chat.completions.create(ask('gpt-4o'))).rejects.toBeInstanceOf(InternalServerError);
    res = await setFaults({ models: { 'gpt-4o-mini': null } });
    expect(res.body.models).toEqual({});
    await expect(client.chat.completions.create(ask('gpt-4o-mini'))).rejects.toBeInstanceOf(InternalServerError);
    const cleared = await fetch(`${mock.origin}/_faults`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ global: {}, models: {} });
    await expect(client.chat.completions.create(ask('gpt-4o'))).resolves.toBeTruthy();
    expect(await (await fetch(`${mock.origin}/_faults`)).json()).toEqual({ global: {}, models: {} });
  });

  it('rejects a bad fault spec with a 400 that names the field, and keeps the faults it had', async () => {
    await setFaults({ global: { latencyMs: 5 } });
    const bad = await setFaults({ global: { rate429: 1.5 }, models: { 'gpt-4o': { latency: 100 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_fault_spec');
    expect(bad.body.error.message).toMatch(/global\.rate429: Must be between 0 and 1/);
    expect(bad.body.error.message).toMatch(/models\.gpt-4o.*latency/);
    expect(mock.faults()).toEqual({ global: { latencyMs: 5 }, models: {} });
  });

  it('counts requests per model and faults served', async () => {
    await setFaults({ models: { 'gpt-4o': { rate429: 1 } } });
    await client.chat.completions.create(ask()).catch(() => {});
    await client.chat.completions.create(ask('gpt-4o-mini'));
    for await (const chunk of await client.chat.completions.create({ ...ask('gpt-4o-mini'), stream: true }))
      expect(chunk).toBeTruthy();
    const stats = await (await fetch(`${mock.origin}/_stats`)).json();
    expect(stats.requests).toBe(3);
    expect(stats.models['gpt-4o']).toMatchObject({ requests: 1, answered: 0, faults: { rate_limit: 1 } });
    expect(stats.models['gpt-4o-mini']).toMatchObject({ requests: 2, streams: 1 });
  });
});
