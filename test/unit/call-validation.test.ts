import { describe, expect, it } from 'vitest';
import { CallSchema, jsonSize, MAX_BODY_CHARS, parseCall } from '@/lib/validations/call';

const minimal = {
  id: '0b6f1a2e-6a6b-4d8e-9a53-2f4c6d1e7b90',
  feature: 'support-agent',
  model: 'gpt-4o',
  latencyMs: 1234,
};

function errorsOf(call: unknown): string[] {
  const parsed = parseCall(call);
  if (parsed.ok) throw new Error('expected the call to be rejected');
  return parsed.errors;
}

describe('the call contract', () => {
  it('needs only id, feature, model and latencyMs, and fills in the defaults', () => {
    const parsed = parseCall(minimal);
    expect(parsed).toEqual({
      ok: true,
      call: { ...minimal, outcome: 'ok', route: 'primary', fallbackDepth: 0, environment: 'production' },
    });
  });

  it('accepts every field of docs/ingestion.md#the-call-fields', () => {
    const full = {
      ...minimal,
      id: '0B6F1A2E-6A6B-4D8E-9A53-2F4C6D1E7B90',
      timestamp: '2025-01-31T12:00:00.123+01:00',
      provider: 'openai',
      outcome: 'error',
      errorType: 'timeout',
      route: 'fallback',
      fallbackDepth: 1,
      ttftMs: 210,
      inputTokens: 900,
      outputTokens: 150,
      cachedInputTokens: 100,
      costUsd: 0.0021,
      score: 0.9,
      userId: 'u-1',
      sessionId: 's-1',
      environment: 'staging',
      release: 'prompt-v12',
      prompt: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      completion: 'Hello',
      metadata: { region: 'eu', retries: 2, tags: ['a'] },
    };
    const parsed = parseCall(full);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.call.id).toBe(minimal.id);
    expect(parsed.call.timestamp).toEqual(new Date('2025-01-31T11:00:00.123Z'));
    expect(parsed.call.prompt).toEqual(full.prompt);
  });

  it('treats null and empty optional fields as absent', () => {
    const parsed = parseCall({
      ...minimal,
      ttftMs: null,
      userId: '',
      errorType: null,
      environment: null,
      timestamp: null,
    });
    expect(parsed.ok && parsed.call).toMatchObject({ environment: 'production' });
    expect(parsed.ok && parsed.call.ttftMs).toBeUndefined();
  });

  it('names unknown fields', () => {
    expect(errorsOf({ ...minimal, promt: 'x', latency: 3 })).toEqual([
      'unknown fields "promt", "latency": the call contract has no such field',
    ]);
  });

  it('says which required fields are missing', () => {
    expect(errorsOf({ feature: 'a' })).toEqual(['id: is required', 'model: is required', 'latencyMs: is required']);
    expect(errorsOf('a call')).toEqual(['must be an object, got "a call"']);
  });

  it('refuses wrong types and values with the value it got', () => {
    const errors = errorsOf({
      ...minimal,
      id: 'abc',
      latencyMs: '12',
      outcome: 'maybe',
      score: 1.5,
      inputTokens: -1,
      fallbackDepth: 0.5,
    });
    expect(errors).toEqual([
      'id: must be a UUID, e.g. 0b6f1a2e-6a6b-4d8e-9a53-2f4c6d1e7b90',
      'outcome: must be one of "ok", "error", got "maybe"',
      'fallbackDepth: must be an integer, got 0.5',
      'latencyMs: must be a number, got "12"',
      'inputTokens: must be at least 0',
      'score: must be at most 1',
    ]);
  });

  it('checks feature keys and environments against the key pattern', () => {
    for (const feature of ['Support', 'support agent', '-x', 'a'.repeat(65), '']) {
      expect(errorsOf({ ...minimal, feature })[0], feature).toMatch(/^feature: must be 1-64 lowercase/);
    }
    expect(parseCall({ ...minimal, feature: 'a' }).ok).toBe(true);
    expect(parseCall({ ...minimal, feature: 'checkout.v2_fraud-check' }).ok).toBe(true);
    expect(errorsOf({ ...minimal, environment: 'Prod!' })[0]).toMatch(/^environment: must be 1-64 lowercase/);
  });

  it('limits the length of every string', () => {
    expect(errorsOf({ ...minimal, model: 'm'.repeat(201) })).toEqual(['model: must be at most 200 characters']);
    expect(errorsOf({ ...minimal, userId: 'u'.repeat(201) })).toEqual(['userId: must be at most 200 characters']);
    expect(errorsOf({ ...minimal, completion: 'c'.repeat(MAX_BODY_CHARS + 1) })).toEqual([
      `completion: must be at most ${MAX_BODY_CHARS} characters`,
    ]);
    expect(errorsOf({ ...minimal, prompt: 'p'.repeat(MAX_BODY_CHARS + 1) })).toEqual([
      `prompt: must be at most ${MAX_BODY_CHARS} characters`,
    ]);
    const bigChat = [{ role: 'user', content: 'p'.repeat(MAX_BODY_CHARS) }];
    expect(errorsOf({ ...minimal, prompt: bigChat })[0]).toMatch(/^prompt: must be at most/);
    expect(errorsOf({ ...minimal, metadata: { blob: 'x'.repeat(40_000) } })[0]).toMatch(
      /^metadata: must be at most 32768/,
    );
  });

  it('refuses NUL characters in short fields, which Postgres text cannot hold', () => {
    expect(errorsOf({ ...minimal, userId: 'u\u00001' })).toEqual(['userId: must not contain NUL (\\u0000) characters']);
    expect(parseCall({ ...minimal, completion: 'a\u0000b' }).ok).toBe(true); // bodies are cleaned instead
  });

  it('checks numeric ranges', () => {
    expect(errorsOf({ ...minimal, latencyMs: -1 })).toEqual(['latencyMs: must be at least 0']);
    expect(errorsOf({ ...minimal, latencyMs: 86_400_001 })).toEqual(['latencyMs: must be at most 86400000']);
    expect(errorsOf({ ...minimal, costUsd: -0.01 })).toEqual(['costUsd: must be at least 0']);
    expect(errorsOf({ ...minimal, outputTokens: 2 ** 31 })).toEqual(['outputTokens: must be at most 2147483647']);
  });

  it('wants ISO-8601 timestamps with a zone, not far in the future', () => {
    expect(errorsOf({ ...minimal, timestamp: '2025-01-31 12:00' })[0]).toMatch(
      /^timestamp: must be an ISO-8601 timestamp/,
    );
    expect(errorsOf({ ...minimal, timestamp: '2025-01-31T12:00:00' })[0]).toMatch(
      /^timestamp: must be an ISO-8601 timestamp/,
    );
    expect(errorsOf({ ...minimal, timestamp: new Date(Date.now() + 2 * 3600_000).toISOString() })).toEqual([
      'timestamp: is more than an hour in the future; check the client clock',
    ]);
    expect(parseCall({ ...minimal, timestamp: new Date(Date.now() + 60_000).toISOString() }).ok).toBe(true);
    expect(errorsOf({ ...minimal, timestamp: '1999-12-31T23:59:59Z' })).toEqual(['timestamp: is before the year 2000']);
  });

  it('allows errorType only on errors, and cached tokens only within input tokens', () => {
    expect(errorsOf({ ...minimal, errorType: 'timeout' })).toEqual([
      'errorType: is only allowed when outcome is "error"',
    ]);
    expect(errorsOf({ ...minimal, outcome: 'error', errorType: 'oops' })[0]).toMatch(
      /^errorType: must be one of "timeout"/,
    );
    expect(errorsOf({ ...minimal, inputTokens: 10, cachedInputTokens: 11 })).toEqual([
      'cachedInputTokens: cannot exceed inputTokens (cached input tokens are counted in inputTokens)',
    ]);
  });

  it('takes a prompt as text or chat messages only', () => {
    expect(errorsOf({ ...minimal, prompt: 42 })).toEqual([
      'prompt: must be a string or an array of chat messages ({ role, content })',
    ]);
    expect(errorsOf({ ...minimal, prompt: [{ content: 'x' }, 'hi'] })).toEqual([
      'prompt.0.role: must be a string of 1-64 characters',
      'prompt.1: must be a chat message object ({ role, content })',
    ]);
    expect(errorsOf({ ...minimal, metadata: ['a'] })).toEqual(['metadata: must be an object, got an array']);
  });
});

describe('the compiled call schema (z.compile) used by parseCall', () => {
  it("gives what zod's runtime parser gives, field by field, for valid and invalid calls", () => {
    const variants: Record<string, unknown>[] = [
      minimal,
      {
        ...minimal,
        id: minimal.id.toUpperCase(),
        timestamp: '2025-01-31T12:00:00.123+01:00',
        provider: 'openai',
        release: '',
      },
      {
        ...minimal,
        outcome: 'error',
        errorType: 'rate_limit',
        route: null,
        fallbackDepth: null,
        environment: '',
        ttftMs: 0,
      },
      {
        ...minimal,
        inputTokens: 10,
        cachedInputTokens: 10,
        outputTokens: 0,
        costUsd: 0,
        score: 1,
        userId: 'u',
        sessionId: null,
      },
      { ...minimal, prompt: 'text', completion: '', metadata: { a: [1, { b: null }] } },
      {
        ...minimal,
        prompt: [
          { role: 'user', content: [{ type: 'text', text: 'hi' }] },
          { role: 'tool', content: null, tool_call_id: 'x' },
        ],
      },
      { ...minimal, latencyMs: 1.5 },
      { ...minimal, errorType: 'timeout' },
      { ...minimal, inputTokens: 1, cachedInputTokens: 2 },
      { ...minimal, timestamp: '2025-01-31T12:00:00' },
      { ...minimal, prompt: [{ content: 'no role' }] },
      { ...minimal, model: 'a\u0000b' },
      { ...minimal, extra: 1 },
    ];
    for (const call of variants) {
      const runtime = CallSchema.safeParse(call);
      const parsed = parseCall(call);
      expect(parsed.ok, JSON.stringify(call)).toBe(runtime.success);
      if (parsed.ok) expect(parsed.call).toStrictEqual(runtime.data);
    }
  });
});

describe('jsonSize', () => {
  it('approximates the JSON length and refuses deep nesting', () => {
    expect(jsonSize({ a: 'xyz' }, 100)).toBeGreaterThanOrEqual(JSON.stringify({ a: 'xyz' }).length);
    let deep: unknown = 'x';
    for (let i = 0; i < 10; i++) deep = { d: deep };
    expect(jsonSize(deep, 1000)).toBe(Infinity);
  });
});
