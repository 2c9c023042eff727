// An application built on the SDK, against the running app and an in-process mock provider: for
// every fault the mock can inject on the primary model, the application still gets an answer from
// the right route, and each call reaches the dashboard exactly once with the route it was served by.
// Also: a 429 storm opens the primary's breaker (the mock stops being called) until a half-open
// probe closes it, and a kill switch flipped through the API turns the next call into `killed`.
import { eq } from 'drizzle-orm';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { calls, features } from '@/db/schema';
import { startMockProvider, type FaultSpec, type MockProvider, type ProviderStats } from '@/lib/mock-provider';
import {
  cache,
  createSwitchboard,
  isInvalidOutputError,
  model,
  openaiChunkText,
  openaiChunkUsage,
  openaiUsage,
  openaiValidateJson,
  rule,
  streamModel,
  type Attempt,
  type ChainResult,
  type ErrorType,
  type Route,
  type Switchboard,
  type SwitchboardOptions,
} from '@/lib/sdk/index';
import { createFeature } from '../support/switches';
import { until } from '../support/local-server';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

type Completion =
  Pick<OpenAI.ChatCompletion, 'choices' | 'usage'> | { choices: { message: { content: string } }[]; usage?: undefined };
type Chunk =
  | Pick<OpenAI.ChatCompletionChunk, 'choices' | 'usage'>
  | { choices: { delta: { content: string } }[]; usage?: undefined };

const PRIMARY_TIMEOUT_MS = 400;
const DEADLINE_MS = 3_000;
const CANNED = '{"answer":"A person from support will reply within a day."}';
const QUESTION = 'Where is my refund for order 1042?';
const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: QUESTION }];
const quiet = { warn: () => {} };

let mock: MockProvider;
let openai: OpenAI;
let sdkKey: string;
let writeKey: string;
let sb: Switchboard | undefined;

beforeAll(async () => {
  mock = await startMockProvider();
  openai = new OpenAI({ baseURL: mock.baseUrl, apiKey: 'mock', maxRetries: 0 }); // the SDK's chain does the retrying
  sdkKey = await createTestKey(['ingest', 'switches:read'], 'sdk-faults');
  writeKey = await createTestKey(['switches:write'], 'sdk-faults-flips');
});
afterEach(async () => {
  mock.clearFaults();
  await sb?.close();
  sb = undefined;
});
afterAll(() => mock.close());

async function connect(options: Partial<SwitchboardOptions> = {}): Promise<Switchboard> {
  sb = createSwitchboard({ baseUrl: baseUrl(), apiKey: sdkKey, logger: quiet, ...options });
  expect(await sb.ready()).toBe(true);
  return sb;
}

/** gpt-4o (short timeout) → gpt-4o-mini → cached answer → canned rule, as the application writes it. */
function chain(cached?: string) {
  const ask = (name: string) => (signal: AbortSignal) =>
    openai.chat.completions.create({ model: name, messages, response_format: { type: 'json_object' } }, { signal });
  const answer = (content: string): Completion => ({ choices: [{ message: { content } }] });
  return [
    model<Completion>('gpt-4o', ask('gpt-4o'), {
      provider: 'openai',
      timeoutMs: PRIMARY_TIMEOUT_MS,
      usage: openaiUsage,
      validate: openaiValidateJson,
    }),
    model<Completion>('gpt-4o-mini', ask('gpt-4o-mini'), {
      provider: 'openai',
      timeoutMs: 1_500,
      usage: openaiUsage,
      validate: openaiValidateJson,
    }),
    cache<Completion>(() => (cached ? answer(cached) : undefined), { name: 'answer-cache' }),
    rule<Completion>('canned-reply', () => answer(CANNED)),
  ];
}

function streamChainSteps() {
  const ask = (name: string) => (signal: AbortSignal) =>
    openai.chat.completions.create(
      { model: name, messages, stream: true, stream_options: { include_usage: true } },
      { signal },
    );
  const chunk = (content: string): Chunk => ({ choices: [{ delta: { content } }] });
  const options = { provider: 'openai', usage: openaiChunkUsage, text: openaiChunkText };
  return [
    streamModel<Chunk>('gpt-4o', ask('gpt-4o'), { ...options, timeoutMs: PRIMARY_TIMEOUT_MS }),
    streamModel<Chunk>('gpt-4o-mini', ask('gpt-4o-mini'), { ...options, timeoutMs: 1_500 }),
    rule<Chunk>('canned-reply', () => chunk(CANNED)),
  ];
}

const run = (feature: string, cached?: string) =>
  sb!.run(feature, chain(cached), { deadlineMs: DEADLINE_MS, prompt: QUESTION });
const contentOf = (r: ChainResult<Completion>) =>
  JSON.parse(r.value.choices[0].message.content ?? '') as { answer: string };
const tried = (attempts: Attempt[]) =>
  attempts.map((a) => `${a.name}:${a.skipped ?? a.outcome}${a.errorType ? `:${a.errorType}` : ''}`);

/** Requests per model, read over HTTP from the mock's /_stats as any test harness would. */
async function requests(): Promise<Record<string, number>> {
  const stats = (await (await fetch(`${mock.origin}/_stats`)).json()) as ProviderStats;
  return Object.fromEntries(Object.entries(stats.models).map(([m, s]) => [m, s.requests]));
}
async function requestsSince(before: Record<string, number>): Promise<Record<string, number>> {
  const now = await requests();
  return Object.fromEntries(
    Object.keys(now)
      .filter((m) => now[m] !== (before[m] ?? 0))
      .map((m) => [m, now[m] - (before[m] ?? 0)]),
  );
}

interface StoredExpectation {
  route: Route;
  outcome: 'ok' | 'error';
  model: string;
  fallbackDepth: number;
  errorType?: ErrorType | null;
}

/** Flushes the SDK, then checks the feature's stored calls: exactly these ids, each with its route and outcome. */
async function expectStored(feature: string, expected: Record<string, StoredExpectation>): Promise<void> {
  await sb!.flush();
  expect(sb!.stats()).toMatchObject({ queued: 0, dropped: 0 });
  const { db } = await testDatabase();
  const rows = await db
    .select({
      id: calls.id,
      route: calls.route,
      outcome: calls.outcome,
      model: calls.model,
      fallbackDepth: calls.fallbackDepth,
      errorType: calls.errorType,
    })
    .from(calls)
    .innerJoin(features, eq(features.id, calls.featureId))
    .where(eq(features.key, feature));
  const byId = Object.fromEntries(rows.map(({ id, ...rest }) => [id, rest]));
  expect(rows).toHaveLength(Object.keys(expected).length);
  expect(byId).toEqual(Object.fromEntries(Object.entries(expected).map(([id, e]) => [id, { errorType: null, ...e }])));
}

const FALLBACK: StoredExpectation = { route: 'fallback', outcome: 'ok', model: 'gpt-4o-mini', fallbackDepth: 1 };

describe('an application on the SDK keeps answering through every fault of its primary model', () => {
  const faults: { fault: string; spec: FaultSpec; primary: string[]; maxLatencyMs: number }[] = [
    {
      fault: 'latency beyond the step timeout',
      spec: { latencyMs: 2_000 },
      primary: ['gpt-4o:error:timeout'],
      maxLatencyMs: PRIMARY_TIMEOUT_MS + 600,
    },
    {
      fault: 'a hang',
      spec: { hangRate: 1 },
      primary: ['gpt-4o:error:timeout'],
      maxLatencyMs: PRIMARY_TIMEOUT_MS + 600,
    },
    // Retry-After 10 s does not fit in the 3 s deadline: no wait, no retry, straight to the fallback.
    {
      fault: '429 with a Retry-After beyond the deadline',
      spec: { rate429: 1, retryAfterSeconds: 10 },
      primary: ['gpt-4o:error:rate_limit'],
      maxLatencyMs: 600,
    },
    ...([500, 502, 503] as const).map((status) => ({
      fault: `${status}`,
      spec: { rate5xx: 1, statuses5xx: [status] },
      primary: ['gpt-4o:error:server_error', 'gpt-4o:error:server_error'],
      maxLatencyMs: 1_000,
    })),
    {
      fault: 'invalid output (cut-off JSON)',
      spec: { invalidOutputRate: 1 },
      primary: ['gpt-4o:error:other'],
      maxLatencyMs: 600,
    },
  ];

  it.each(faults)(
    '$fault → gpt-4o-mini answers, recorded once as a fallback',
    async ({ spec, primary, maxLatencyMs }) => {
      const feature = await createFeature('faults');
      await connect();
      mock.setFaults({ models: { 'gpt-4o': spec } });
      const before = await requests();
      const result = await run(feature);
      expect(result).toMatchObject({ route: 'fallback', model: 'gpt-4o-mini', fallbackDepth: 1 });
      expect(contentOf(result).answer).toMatch(/\w+/);
      expect(result.latencyMs).toBeLessThan(maxLatencyMs);
      expect(tried(result.attempts)).toEqual([...primary, 'gpt-4o-mini:ok']);
      if (spec.invalidOutputRate) expect(isInvalidOutputError(result.attempts[0].error)).toBe(true);
      expect(await requestsSince(before)).toEqual({ 'gpt-4o': primary.length, 'gpt-4o-mini': 1 });
      await expectStored(feature, { [result.id]: FALLBACK });
    },
  );

  it('429 with a Retry-After that fits the deadline → waits it out and the primary answers', async () => {
    const feature = await createFeature('faults-429-fits');
    await connect();
    mock.setFaults({ models: { 'gpt-4o': { rate429: 1, retryAfterSeconds: 1 } } });
    const before = await requests();
    const pending = run(feature);
    // The storm is over by the time the Retry-After has passed.
    await until(async () => ((await requestsSince(before))['gpt-4o'] ?? 0) === 1, 900, 'the first 429');
    mock.clearFaults();
    const result = await pending;
    expect(result).toMatchObject({ route: 'primary', model: 'gpt-4o', fallbackDepth: 0 });
    expect(result.latencyMs).toBeGreaterThanOrEqual(1_000); // the provider's 1 s, not the 100-200 ms backoff
    expect(result.latencyMs).toBeLessThan(DEADLINE_MS);
    expect(tried(result.attempts)).toEqual(['gpt-4o:error:rate_limit', 'gpt-4o:ok']);
    expect(await requestsSince(before)).toEqual({ 'gpt-4o': 2 });
    await expectStored(feature, {
      [result.id]: { route: 'primary', outcome: 'ok', model: 'gpt-4o', fallbackDepth: 0 },
    });
  });

  it('every model down → the cached answer, or without one the rule, answers', async () => {
    const feature = await createFeature('faults-all-down');
    await connect();
    mock.setFaults({ global: { rate5xx: 1, statuses5xx: [503] } });
    const before = await requests();
    const ruled = await run(feature);
    expect(ruled).toMatchObject({ route: 'rule', model: 'canned-reply', fallbackDepth: 3 });
    expect(ruled.value.choices[0].message.content).toBe(CANNED);
    const cachedAnswer = '{"answer":"Your refund was issued on Monday."}';
    const cached = await run(feature, cachedAnswer);
    expect(cached).toMatchObject({ route: 'cache', model: 'answer-cache', fallbackDepth: 2 });
    expect(cached.value.choices[0].message.content).toBe(cachedAnswer);
    expect(tried(cached.attempts)).toEqual([
      'gpt-4o:error:server_error',
      'gpt-4o:error:server_error',
      'gpt-4o-mini:error:server_error',
      'gpt-4o-mini:error:server_error',
      'answer-cache:ok',
    ]);
    expect(await requestsSince(before)).toEqual({ 'gpt-4o': 4, 'gpt-4o-mini': 4 });
    await expectStored(feature, {
      [ruled.id]: { route: 'rule', outcome: 'ok', model: 'canned-reply', fallbackDepth: 3 },
      [cached.id]: { route: 'cache', outcome: 'ok', model: 'answer-cache', fallbackDepth: 2 },
    });
  });
});

describe('a streaming application', () => {
  async function readAll(stream: AsyncIterable<Chunk>): Promise<{ text: string; chunks: number; error?: unknown }> {
    let text = '';
    let chunks = 0;
    try {
      for await (const c of stream) {
        chunks++;
        text += c.choices[0]?.delta?.content ?? '';
      }
    } catch (error) {
      return { text, chunks, error };
    }
    return { text, chunks };
  }

  const beforeFirstChunk: { fault: string; spec: FaultSpec; primary: string[] }[] = [
    // A cut connection is a network error: worth one retry on the same model, then the fallback.
    {
      fault: 'a stream broken before its first chunk',
      spec: { breakAfterChunks: 0 },
      primary: ['gpt-4o:error:network', 'gpt-4o:error:network'],
    },
    { fault: 'a slow time to first token', spec: { ttftMs: 2_000 }, primary: ['gpt-4o:error:timeout'] },
    { fault: 'a hang', spec: { hangRate: 1 }, primary: ['gpt-4o:error:timeout'] },
    {
      fault: '429 with a Retry-After beyond the deadline',
      spec: { rate429: 1, retryAfterSeconds: 10 },
      primary: ['gpt-4o:error:rate_limit'],
    },
  ];

  it.each(beforeFirstChunk)('$fault → gpt-4o-mini streams the answer', async ({ spec, primary }) => {
    const feature = await createFeature('stream-faults');
    await connect();
    mock.setFaults({ models: { 'gpt-4o': spec } });
    const before = await requests();
    const stream = await sb!.stream(feature, streamChainSteps(), { deadlineMs: DEADLINE_MS });
    expect(stream).toMatchObject({ route: 'fallback', model: 'gpt-4o-mini', fallbackDepth: 1 });
    expect(stream.ttftMs).toBeLessThan(PRIMARY_TIMEOUT_MS + 1_000);
    const read = await readAll(stream);
    expect(read.error).toBeUndefined();
    expect(read.text).toMatch(/Re: "Where is my refund/);
    expect(tried(stream.attempts)).toEqual([...primary, 'gpt-4o-mini:ok']);
    expect(await requestsSince(before)).toEqual({ 'gpt-4o': primary.length, 'gpt-4o-mini': 1 });
    await expectStored(feature, { [stream.id]: FALLBACK });
  });

  it('a stream broken after its first chunk → the caller gets the error, it is recorded as one, and the next call works', async () => {
    const feature = await createFeature('stream-mid-break');
    await connect();
    mock.setFaults({ models: { 'gpt-4o': { breakAfterChunks: 2 } } });
    const before = await requests();
    const broken = await sb!.stream(feature, streamChainSteps(), { deadlineMs: DEADLINE_MS });
    expect(broken).toMatchObject({ route: 'primary', model: 'gpt-4o' });
    const read = await readAll(broken);
    expect(read.chunks).toBe(2); // what arrived reached the caller; nothing was spliced on from another model
    expect(read.error).toBeDefined();
    expect(await requestsSince(before)).toEqual({ 'gpt-4o': 1 });

    mock.clearFaults();
    const next = await sb!.stream(feature, streamChainSteps(), { deadlineMs: DEADLINE_MS });
    expect(next).toMatchObject({ route: 'primary', model: 'gpt-4o' });
    expect((await readAll(next)).error).toBeUndefined();
    await expectStored(feature, {
      [broken.id]: { route: 'primary', outcome: 'error', errorType: 'network', model: 'gpt-4o', fallbackDepth: 0 },
      [next.id]: { route: 'primary', outcome: 'ok', model: 'gpt-4o', fallbackDepth: 0 },
    });
  });
});

describe('a 429 storm on the primary', () => {
  it('opens its breaker (the model is no longer called), then a half-open probe closes it after the storm', async () => {
    const feature = await createFeature('storm');
    await connect({ breakers: { threshold: 3, openMs: 800 } });
    const transitions: string[] = [];
    sb!.breakers.onStateChange((key, state, previous) => transitions.push(`${key}: ${previous}→${state}`));
    const breaker = sb!.breakers.get('openai/gpt-4o');
    mock.setFaults({ models: { 'gpt-4o': { rate429: 1, retryAfterSeconds: 10 } } });
    const before = await requests();
    const served: ChainResult<Completion>[] = [];

    for (let i = 0; i < 3; i++) served.push(await run(feature));
    expect(breaker.state).toBe('open');
    expect((await requestsSince(before))['gpt-4o']).toBe(3);
    for (let i = 0; i < 5; i++) {
      const r = await run(feature);
      served.push(r);
      expect(tried(r.attempts)).toEqual(['gpt-4o:circuit_open:other', 'gpt-4o-mini:ok']);
      expect((await requestsSince(before))['gpt-4o']).toBe(3); // while open, not one request reaches it
    }
    expect(served.every((r) => r.route === 'fallback')).toBe(true);

    // Still storming when the breaker half-opens: exactly one probe goes through, fails, and it opens again.
    await until(() => breaker.state === 'half-open', 1_500, 'the breaker to half-open');
    served.push(await run(feature));
    expect((await requestsSince(before))['gpt-4o']).toBe(4);
    expect(breaker.state).toBe('open');

    mock.clearFaults(); // the storm is over
    await until(() => breaker.state === 'half-open', 1_500, 'the breaker to half-open again');
    const recovered = await run(feature);
    served.push(recovered);
    expect(recovered).toMatchObject({ route: 'primary', model: 'gpt-4o' });
    expect(breaker.state).toBe('closed');
    expect((await requestsSince(before))['gpt-4o']).toBe(5);
    expect(transitions).toEqual([
      'openai/gpt-4o: closed→open',
      'openai/gpt-4o: open→half-open',
      'openai/gpt-4o: half-open→open',
      'openai/gpt-4o: open→half-open',
      'openai/gpt-4o: half-open→closed',
    ]);
    await expectStored(
      feature,
      Object.fromEntries(
        served.map((r) => [
          r.id,
          r === recovered ? { route: 'primary', outcome: 'ok', model: 'gpt-4o', fallbackDepth: 0 } : FALLBACK,
        ]),
      ),
    );
  });
});

describe('the kill switch', () => {
  async function flip(feature: string, killed: boolean): Promise<void> {
    const res = await fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ killed, reason: 'sdk-faults test: the model misbehaves' }),
    });
    expect(res.status).toBe(200);
  }

  it('a flip turns the next call into `killed`, served by the cache or rule without a model call, within a second', async () => {
    const feature = await createFeature('faults-kill');
    await connect();
    const normal = await run(feature);
    expect(normal.route).toBe('primary');

    const flippedAt = performance.now();
    await flip(feature, true);
    await until(() => sb!.isKilled(feature), 1_000, 'the SDK to see the flip');
    expect(performance.now() - flippedAt).toBeLessThan(1_000);
    const before = await requests();
    const cachedAnswer = '{"answer":"Refunds take 5 business days."}';
    const fromCache = await run(feature, cachedAnswer);
    const fromRule = await run(feature);
    expect(fromCache).toMatchObject({ route: 'killed', model: 'answer-cache', fallbackDepth: 2 });
    expect(fromCache.value.choices[0].message.content).toBe(cachedAnswer);
    expect(fromRule).toMatchObject({ route: 'killed', model: 'canned-reply', fallbackDepth: 3 });
    expect(tried(fromRule.attempts)).toEqual([
      'gpt-4o:killed',
      'gpt-4o-mini:killed',
      'answer-cache:miss',
      'canned-reply:ok',
    ]);
    expect(await requestsSince(before)).toEqual({}); // no model was called

    const restoredAt = performance.now();
    await flip(feature, false);
    await until(() => !sb!.isKilled(feature), 1_000, 'the SDK to see the restore');
    expect(performance.now() - restoredAt).toBeLessThan(1_000);
    const restored = await run(feature);
    expect(restored).toMatchObject({ route: 'primary', model: 'gpt-4o' });
    await expectStored(feature, {
      [normal.id]: { route: 'primary', outcome: 'ok', model: 'gpt-4o', fallbackDepth: 0 },
      [fromCache.id]: { route: 'killed', outcome: 'ok', model: 'answer-cache', fallbackDepth: 2 },
      [fromRule.id]: { route: 'killed', outcome: 'ok', model: 'canned-reply', fallbackDepth: 3 },
      [restored.id]: { route: 'primary', outcome: 'ok', model: 'gpt-4o', fallbackDepth: 0 },
    });
  });
});
