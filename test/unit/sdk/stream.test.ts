import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isAllStepsFailedError, isCancelledError, rule, streamChain, streamModel } from '@/lib/sdk/core';
import { httpError, testDeps } from '../../support/sdk-doubles';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A token stream: waits `gapMs` before each chunk, fails after `failAfter` chunks if given, and notes when it is closed or aborted. */
function tokens(words: string[], opts: { firstMs?: number; gapMs?: number; failAfter?: number; error?: unknown } = {}) {
  const state = { closed: false, signal: undefined as AbortSignal | undefined };
  const call = (signal: AbortSignal) => {
    state.signal = signal;
    return (async function* () {
      try {
        for (let i = 0; i < words.length; i++) {
          if (opts.failAfter === i) throw opts.error ?? Object.assign(new Error('reset'), { code: 'ECONNRESET' });
          const wait = i === 0 ? (opts.firstMs ?? 0) : (opts.gapMs ?? 0);
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          signal.throwIfAborted();
          yield words[i];
        }
      } finally {
        state.closed = true;
      }
    })();
  };
  return { call, state };
}

async function collect(stream: AsyncIterable<string>) {
  const out: string[] = [];
  for await (const c of stream) out.push(c);
  return out;
}

describe('streamChain', () => {
  it('measures time to first token and total latency, records usage and text', async () => {
    const { deps, recorder } = testDeps();
    const t = tokens(['Hel', 'lo', '!'], { firstMs: 200, gapMs: 50 });
    const p = streamChain(
      'chat',
      [streamModel('gpt-4o', t.call, { text: (c) => c, usage: (c) => (c === '!' ? { outputTokens: 3 } : undefined) })],
      {},
      deps,
    );
    await vi.advanceTimersByTimeAsync(200);
    const s = await p;
    expect(s).toMatchObject({ route: 'primary', model: 'gpt-4o', ttftMs: 200 });
    const done = collect(s);
    await vi.advanceTimersByTimeAsync(100);
    expect(await done).toEqual(['Hel', 'lo', '!']);
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.last).toMatchObject({
      outcome: 'ok',
      route: 'primary',
      ttftMs: 200,
      latencyMs: 300,
      completion: 'Hello!',
      outputTokens: 3,
    });
  });

  it('falls back when a stream fails before its first chunk', async () => {
    const { deps, recorder } = testDeps();
    const broken = tokens(['x'], { failAfter: 0, error: httpError(503) });
    const good = tokens(['from', ' fallback']);
    const s = await streamChain(
      'chat',
      [streamModel('big', broken.call, { retries: 0 }), streamModel('small', good.call)],
      {},
      deps,
    );
    expect(s).toMatchObject({ route: 'fallback', model: 'small', fallbackDepth: 1 });
    const done = collect(s);
    await vi.runAllTimersAsync();
    expect(await done).toEqual(['from', ' fallback']);
    expect(recorder.last).toMatchObject({ outcome: 'ok', route: 'fallback', model: 'small' });
  });

  it('times out a stream whose first chunk is late, aborting it, and falls back', async () => {
    const { deps } = testDeps();
    const slow = tokens(['late'], { firstMs: 5000 });
    const p = streamChain(
      'chat',
      [streamModel('big', slow.call, { timeoutMs: 1000 }), rule('canned', () => 'sorry')],
      {},
      deps,
    );
    await vi.advanceTimersByTimeAsync(1000);
    const s = await p;
    expect(slow.state.signal!.aborted).toBe(true);
    expect(s).toMatchObject({ route: 'rule', model: 'canned', ttftMs: 1000 });
    expect(await collect(s)).toEqual(['sorry']);
  });

  it('a mid-stream failure is rethrown and recorded as an error of the streaming route, not switched to another model', async () => {
    const { deps, recorder } = testDeps();
    const t = tokens(['a', 'b', 'c'], { failAfter: 2 });
    const fallback = vi.fn(tokens(['other']).call);
    const s = await streamChain('chat', [streamModel('big', t.call), streamModel('small', fallback)], {}, deps);
    const seen: string[] = [];
    const err = await (async () => {
      for await (const c of s) seen.push(c);
    })().catch((e) => e);
    expect(seen).toEqual(['a', 'b']);
    expect(err.code).toBe('ECONNRESET');
    expect(fallback).not.toHaveBeenCalled();
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.last).toMatchObject({ outcome: 'error', errorType: 'network', route: 'primary', model: 'big' });
  });

  it('a consumer that breaks out still records, and the underlying stream is aborted and closed', async () => {
    const { deps, recorder } = testDeps();
    const t = tokens(['a', 'b', 'c', 'd'], { gapMs: 10 });
    const s = await streamChain('chat', [streamModel('big', t.call, { text: (c) => c })], {}, deps);
    const run = (async () => {
      for await (const c of s) if (c === 'b') break;
    })();
    await vi.runAllTimersAsync();
    await run;
    expect(t.state.signal!.aborted).toBe(true);
    expect(t.state.closed).toBe(true);
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.last).toMatchObject({ outcome: 'ok', completion: 'ab', metadata: { abandoned: true } });
  });

  it("the caller's signal mid-stream aborts the model and records the partial answer as aborted", async () => {
    const { deps, recorder } = testDeps();
    const caller = new AbortController();
    const t = tokens(['a', 'b', 'c'], { gapMs: 100 });
    const s = await streamChain('chat', [streamModel('big', t.call)], { signal: caller.signal }, deps);
    const seen: string[] = [];
    const run = (async () => {
      for await (const c of s) {
        seen.push(c);
        if (c === 'a') setTimeout(() => caller.abort(), 50);
      }
    })().catch((e) => e);
    await vi.advanceTimersByTimeAsync(50);
    const err = await run;
    expect(isCancelledError(err)).toBe(true);
    expect(seen).toEqual(['a']);
    expect(t.state.signal!.aborted).toBe(true);
    expect(recorder.last).toMatchObject({ outcome: 'ok', metadata: { aborted: true } });
  });

  it('cancel() before consuming records once and closes the stream', async () => {
    const { deps, recorder } = testDeps();
    const t = tokens(['a', 'b']);
    const s = await streamChain('chat', [streamModel('big', t.call)], {}, deps);
    s.cancel();
    s.cancel();
    await vi.runAllTimersAsync();
    expect(t.state.signal!.aborted).toBe(true);
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.last.metadata).toEqual({ abandoned: true });
  });

  it('killed: the stream model is never called and the rule answers as one chunk', async () => {
    const { deps, switches, recorder } = testDeps();
    switches.kill('chat');
    const call = vi.fn(tokens(['llm']).call);
    const s = await streamChain('chat', [streamModel('big', call), rule('canned', () => 'maintenance')], {}, deps);
    expect(await collect(s)).toEqual(['maintenance']);
    expect(call).not.toHaveBeenCalled();
    expect(recorder.last).toMatchObject({ route: 'killed', outcome: 'ok', model: 'canned' });
  });

  it('an empty stream falls through; when nothing answers, AllStepsFailedError', async () => {
    const { deps, recorder } = testDeps();
    const err = await streamChain('chat', [streamModel('big', tokens([]).call)], {}, deps).catch((e) => e);
    expect(isAllStepsFailedError(err)).toBe(true);
    expect(recorder.last).toMatchObject({ outcome: 'error', route: 'primary' });
  });

  it('retries a 429 before the first chunk, after its Retry-After, on the same model', async () => {
    const { deps } = testDeps();
    let calls = 0;
    const good = tokens(['ok']);
    const call = (signal: AbortSignal) =>
      ++calls === 1
        ? tokens(['x'], { failAfter: 0, error: httpError(429, { 'retry-after': '1' }) }).call(signal)
        : good.call(signal);
    const p = streamChain(
      'chat',
      [streamModel('big', call), rule('canned', () => 'sorry')],
      { deadlineMs: 10_000 },
      deps,
    );
    await vi.advanceTimersByTimeAsync(1000);
    const s = await p;
    expect(s).toMatchObject({ route: 'primary', ttftMs: 1000 });
    expect(s.attempts.map((a) => a.outcome)).toEqual(['error', 'ok']);
    expect(calls).toBe(2);
  });

  it("the caller's signal before the first chunk stops everything and records once as aborted", async () => {
    const { deps, recorder } = testDeps();
    const caller = new AbortController();
    const slow = tokens(['late'], { firstMs: 5000 });
    const ruleFn = vi.fn(() => 'sorry');
    const p = streamChain(
      'chat',
      [streamModel('big', slow.call), rule('canned', ruleFn)],
      { signal: caller.signal },
      deps,
    ).catch((e) => e);
    await vi.advanceTimersByTimeAsync(200);
    caller.abort();
    expect(isCancelledError(await p)).toBe(true);
    expect(slow.state.signal!.aborted).toBe(true);
    expect(ruleFn).not.toHaveBeenCalled();
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.last).toMatchObject({
      outcome: 'error',
      errorType: 'other',
      latencyMs: 200,
      metadata: { aborted: true },
    });
  });

  it('an open breaker skips the stream model without starting it', async () => {
    const { deps } = testDeps({ threshold: 1 });
    const broken = vi.fn(tokens(['x'], { failAfter: 0, error: httpError(503) }).call);
    const steps = [streamModel('big', broken, { retries: 0 }), rule('canned', () => 'sorry')];
    await streamChain('chat', steps, {}, deps);
    const second = await streamChain('chat', steps, {}, deps);
    expect(second.attempts[0]).toMatchObject({ outcome: 'skipped', skipped: 'circuit_open' });
    expect(broken).toHaveBeenCalledTimes(1);
  });

  it('a stream that stalls mid-answer is aborted after idleTimeoutMs and recorded as a timeout', async () => {
    const { deps, recorder } = testDeps();
    const t = tokens(['a', 'b'], { gapMs: 60_000 });
    const s = await streamChain(
      'chat',
      [streamModel('big', t.call, { timeoutMs: 1000, idleTimeoutMs: 2000 })],
      {},
      deps,
    );
    const seen: string[] = [];
    const run = (async () => {
      for await (const c of s) seen.push(c);
    })().catch((e) => e);
    await vi.advanceTimersByTimeAsync(2000);
    const err = await run;
    expect(err.name).toBe('TimeoutError');
    expect(seen).toEqual(['a']);
    expect(t.state.signal!.aborted).toBe(true);
    expect(recorder.last).toMatchObject({ outcome: 'error', errorType: 'timeout', route: 'primary', latencyMs: 2000 });
  });
});
