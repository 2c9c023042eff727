import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AllStepsFailedError,
  cache,
  isAllStepsFailedError,
  isDeadlineExceededError,
  isTimeoutError,
  model,
  rule,
  runChain,
} from '@/lib/sdk/core';
import { hang, httpError, testDeps } from '../../support/sdk-doubles';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const fails = (err: unknown) =>
  vi.fn(async (): Promise<string> => {
    throw err;
  });
const answers = (value: string) => vi.fn(async () => value);

describe('runChain: serving and recording', () => {
  it('the primary answers: one record with usage, prompt and the caller context', async () => {
    const { deps, recorder } = testDeps();
    const result = await runChain(
      'support',
      [
        model('gpt-4o', async () => ({ text: 'hello', usage: { prompt_tokens: 12, completion_tokens: 3 } }), {
          provider: 'openai',
          usage: (r) => ({
            inputTokens: r.usage.prompt_tokens,
            outputTokens: r.usage.completion_tokens,
            completion: r.text,
          }),
        }),
      ],
      {
        prompt: 'hi',
        userId: 'u-1',
        sessionId: 's-1',
        release: 'v3',
        environment: 'staging',
        metadata: { a: 1 },
        id: 'call-1',
      },
      deps,
    );
    expect(result).toMatchObject({
      value: { text: 'hello' },
      route: 'primary',
      model: 'gpt-4o',
      provider: 'openai',
      fallbackDepth: 0,
      id: 'call-1',
    });
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.last).toMatchObject({
      id: 'call-1',
      feature: 'support',
      model: 'gpt-4o',
      provider: 'openai',
      outcome: 'ok',
      route: 'primary',
      fallbackDepth: 0,
      inputTokens: 12,
      outputTokens: 3,
      completion: 'hello',
      prompt: 'hi',
      userId: 'u-1',
      sessionId: 's-1',
      release: 'v3',
      environment: 'staging',
      metadata: { a: 1 },
    });
    expect(recorder.last.errorType).toBeUndefined();
    expect(Number.isInteger(recorder.last.latencyMs)).toBe(true);
  });

  it('a step that times out falls through; its signal is aborted; the latency counts from the start', async () => {
    const { deps, recorder } = testDeps();
    let primarySignal: AbortSignal | undefined;
    const p = runChain(
      'f',
      [
        model(
          'big',
          (s) => {
            primarySignal = s;
            return hang<string>(s);
          },
          { timeoutMs: 1000 },
        ),
        model('small', answers('from small')),
      ],
      {},
      deps,
    );
    await vi.advanceTimersByTimeAsync(1000);
    const r = await p;
    expect(r).toMatchObject({
      value: 'from small',
      route: 'fallback',
      model: 'small',
      fallbackDepth: 1,
      latencyMs: 1000,
    });
    expect(primarySignal!.aborted).toBe(true);
    expect(r.attempts.map((a) => [a.name, a.outcome, a.errorType])).toEqual([
      ['big', 'error', 'timeout'],
      ['small', 'ok', undefined],
    ]);
    expect(recorder.last).toMatchObject({ route: 'fallback', fallbackDepth: 1, latencyMs: 1000, outcome: 'ok' });
  });

  it('one deadline across the chain cuts the later steps and the rule tail still answers', async () => {
    const { deps, recorder } = testDeps();
    const small = vi.fn((s: AbortSignal) => hang<string>(s));
    const p = runChain(
      'f',
      [
        model('big', (s) => hang<string>(s), { timeoutMs: 1000 }),
        model('small', small, { timeoutMs: 5000 }),
        rule('canned', () => 'canned answer'),
      ],
      { deadlineMs: 1500 },
      deps,
    );
    await vi.advanceTimersByTimeAsync(1500);
    const r = await p;
    expect(r).toMatchObject({
      value: 'canned answer',
      route: 'rule',
      model: 'canned',
      fallbackDepth: 2,
      latencyMs: 1500,
    });
    expect(isDeadlineExceededError(r.attempts[1].error)).toBe(true);
    expect(recorder.last).toMatchObject({ route: 'rule', model: 'canned', latencyMs: 1500 });
  });

  it('without a tail, the exhausted deadline ends in AllStepsFailedError recorded as a timeout', async () => {
    const { deps, recorder } = testDeps();
    const third = vi.fn(answers('never'));
    const p = runChain(
      'f',
      [
        model('a', (s) => hang<string>(s), { timeoutMs: 1000 }),
        model('b', (s) => hang<string>(s), { timeoutMs: 1000 }),
        model('c', third),
      ],
      { deadlineMs: 1500 },
      deps,
    ).catch((e) => e);
    await vi.advanceTimersByTimeAsync(1500);
    const err = await p;
    expect(err).toBeInstanceOf(AllStepsFailedError);
    expect(err.causes).toHaveLength(3);
    expect(isTimeoutError(err.causes[0])).toBe(true);
    expect(isDeadlineExceededError(err.causes[1])).toBe(true);
    expect(third).not.toHaveBeenCalled();
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.last).toMatchObject({
      outcome: 'error',
      errorType: 'timeout',
      route: 'fallback',
      model: 'c',
      latencyMs: 1500,
    });
  });

  it('cache hit serves with route cache; a miss moves on to the rule', async () => {
    const { deps, recorder } = testDeps();
    const hit = await runChain(
      'f',
      [model('m', fails(httpError(503)), { retries: 0 }), cache(() => 'cached'), rule('r', () => 'rule')],
      {},
      deps,
    );
    expect(hit).toMatchObject({ value: 'cached', route: 'cache', model: 'cache', fallbackDepth: 1 });
    const miss = await runChain(
      'f',
      [cache<string>(async () => undefined, { name: 'redis' }), rule('r', () => 'rule')],
      {},
      deps,
    );
    expect(miss).toMatchObject({ value: 'rule', route: 'rule', fallbackDepth: 1 });
    expect(miss.attempts[0]).toMatchObject({ name: 'redis', outcome: 'miss' });
    expect(recorder.calls.map((c) => c.route)).toEqual(['cache', 'rule']);
  });

  it('a recorder or switch reader that throws does not break the call', async () => {
    const { deps } = testDeps();
    const r = await runChain(
      'f',
      [model('m', answers('ok'))],
      {},
      {
        ...deps,
        recorder: {
          record: () => {
            throw new Error('exporter bug');
          },
        },
        switches: {
          isKilled: () => {
            throw new Error('reader bug');
          },
          get: () => undefined,
          stale: true,
        },
      },
    );
    expect(r.value).toBe('ok');
  });

  it('invalid output falls through to the next model', async () => {
    const { deps } = testDeps();
    const r = await runChain(
      'f',
      [
        model('a', answers('not json'), { validate: (v) => (v.startsWith('{') ? true : 'expected JSON') }),
        model('b', answers('{}')),
      ],
      {},
      deps,
    );
    expect(r).toMatchObject({ value: '{}', model: 'b', route: 'fallback' });
    expect(r.attempts[0]).toMatchObject({ outcome: 'error', errorType: 'other' });
    expect((r.attempts[0].error as Error).message).toContain('expected JSON');
  });
});

describe('runChain: which errors fall through', () => {
  it.each([
    ['429', httpError(429), 'rate_limit'],
    ['500', httpError(500), 'server_error'],
    ['503', httpError(503), 'server_error'],
    ['ECONNRESET', Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 'network'],
  ])('%s on the primary → the fallback serves', async (_, err, type) => {
    const { deps, recorder } = testDeps();
    const r = await runChain('f', [model('a', fails(err), { retries: 0 }), model('b', answers('b'))], {}, deps);
    expect(r.route).toBe('fallback');
    expect(r.attempts[0].errorType).toBe(type);
    expect(recorder.last).toMatchObject({ outcome: 'ok', route: 'fallback', model: 'b' });
  });

  it.each([400, 401, 403, 404, 422])(
    '%i is thrown to the caller as it is; the fallback is not called',
    async (status) => {
      const { deps, recorder } = testDeps();
      const err = httpError(status);
      const fallback = answers('b');
      await expect(
        runChain('f', [model('a', fails(err)), model('b', fallback), rule('r', () => 'r')], {}, deps),
      ).rejects.toBe(err);
      expect(fallback).not.toHaveBeenCalled();
      expect(recorder.calls).toHaveLength(1);
      expect(recorder.last).toMatchObject({ outcome: 'error', errorType: 'other', route: 'primary', model: 'a' });
    },
  );

  it('a content filter refusal is recorded as content_filter and not retried elsewhere', async () => {
    const { deps, recorder } = testDeps();
    const fallback = answers('b');
    await expect(
      runChain('f', [model('a', fails(httpError(400, {}, 'content_filter'))), model('b', fallback)], {}, deps),
    ).rejects.toMatchObject({ status: 400 });
    expect(fallback).not.toHaveBeenCalled();
    expect(recorder.last).toMatchObject({ outcome: 'error', errorType: 'content_filter' });
  });

  it('when everything fails: AllStepsFailedError with every cause in order, recorded once', async () => {
    const { deps, recorder } = testDeps();
    const e1 = httpError(503);
    const e2 = httpError(429);
    const err = await runChain(
      'f',
      [model('a', fails(e1), { retries: 0 }), model('b', fails(e2), { retries: 0 })],
      {},
      deps,
    ).catch((e) => e);
    expect(isAllStepsFailedError(err)).toBe(true);
    expect(err.causes).toEqual([e1, e2]);
    expect(err.errorType).toBe('rate_limit');
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.last).toMatchObject({
      outcome: 'error',
      errorType: 'rate_limit',
      route: 'fallback',
      model: 'b',
      fallbackDepth: 1,
    });
  });
});

describe('runChain: retries', () => {
  it('retries a 503 on the same model after the backoff', async () => {
    const { deps } = testDeps();
    const primary = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(httpError(503))
      .mockResolvedValueOnce('second try');
    const p = runChain('f', [model('a', primary, { retries: 2 }), model('b', answers('b'))], {}, deps);
    await vi.advanceTimersByTimeAsync(99);
    expect(primary).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    const r = await p;
    expect(r).toMatchObject({ value: 'second try', route: 'primary', latencyMs: 100 });
    expect(r.attempts.map((a) => a.outcome)).toEqual(['error', 'ok']);
  });

  it('honours Retry-After when it fits in the deadline', async () => {
    const { deps } = testDeps();
    const primary = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(httpError(429, { 'retry-after': '2' }))
      .mockResolvedValueOnce('after wait');
    const fallback = answers('b');
    const p = runChain('f', [model('a', primary), model('b', fallback)], { deadlineMs: 10_000 }, deps);
    await vi.advanceTimersByTimeAsync(1999);
    expect(primary).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(p).resolves.toMatchObject({ value: 'after wait', route: 'primary', latencyMs: 2000 });
    expect(fallback).not.toHaveBeenCalled();
  });

  it('falls through at once when Retry-After does not fit in the deadline', async () => {
    const { deps } = testDeps();
    const primary = fails(httpError(429, { 'retry-after': '30' }));
    const r = await runChain(
      'f',
      [model('a', primary, { retries: 3 }), model('b', answers('b'))],
      { deadlineMs: 10_000 },
      deps,
    );
    expect(r).toMatchObject({ route: 'fallback', latencyMs: 0 });
    expect(primary).toHaveBeenCalledTimes(1);
  });

  it('does not retry a timeout (another model is the better bet)', async () => {
    const { deps } = testDeps();
    const primary = vi.fn((s: AbortSignal) => hang<string>(s));
    const p = runChain('f', [model('a', primary, { timeoutMs: 100, retries: 3 }), model('b', answers('b'))], {}, deps);
    await vi.advanceTimersByTimeAsync(100);
    await expect(p).resolves.toMatchObject({ route: 'fallback' });
    expect(primary).toHaveBeenCalledTimes(1);
  });
});
