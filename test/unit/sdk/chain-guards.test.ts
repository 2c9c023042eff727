// The chain's guards: kill switch, circuit breakers and the caller's AbortSignal.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KilledError, cache, isCancelledError, model, rule, runChain } from '@/lib/sdk/core';
import { hang, httpError, testDeps } from '../../support/sdk-doubles';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('kill switch', () => {
  it('killed: no model is called, the tail serves with route killed', async () => {
    const { deps, switches, recorder } = testDeps();
    switches.kill('support');
    const primary = vi.fn(async () => 'llm');
    const fallback = vi.fn(async () => 'llm');
    const r = await runChain(
      'support',
      [model('a', primary), model('b', fallback), cache<string>(() => undefined), rule('canned', () => 'canned')],
      {},
      deps,
    );
    expect(r).toMatchObject({ value: 'canned', route: 'killed', model: 'canned', fallbackDepth: 3 });
    expect(primary).not.toHaveBeenCalled();
    expect(fallback).not.toHaveBeenCalled();
    expect(r.attempts.slice(0, 2).map((a) => a.skipped)).toEqual(['killed', 'killed']);
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.last).toMatchObject({ route: 'killed', outcome: 'ok', model: 'canned' });
  });

  it('killed with no tail: KilledError, recorded as an error on route killed', async () => {
    const { deps, switches, recorder } = testDeps();
    switches.kill('support');
    const primary = vi.fn(async () => 'llm');
    const err = await runChain('support', [model('a', primary)], {}, deps).catch((e) => e);
    expect(err).toBeInstanceOf(KilledError);
    expect(err.feature).toBe('support');
    expect(primary).not.toHaveBeenCalled();
    expect(recorder.last).toMatchObject({ route: 'killed', outcome: 'error', model: 'a', metadata: { killed: true } });
  });

  it('another feature is not affected, and unkilling restores the primary', async () => {
    const { deps, switches } = testDeps();
    switches.kill('other');
    const steps = [model('a', async () => 'llm'), rule('r', () => 'rule')];
    expect((await runChain('support', steps, {}, deps)).route).toBe('primary');
    switches.kill('support');
    expect((await runChain('support', steps, {}, deps)).route).toBe('killed');
    switches.kill('support', false);
    expect((await runChain('support', steps, {}, deps)).route).toBe('primary');
  });
});

describe('circuit breaker in the chain', () => {
  it('opens after N failures, skips the model without calling it, probes once after openMs, closes on success', async () => {
    const { deps, breakers } = testDeps({ threshold: 2, openMs: 10_000 });
    let healthy = false;
    const primary = vi.fn(async () => {
      if (!healthy) throw httpError(503);
      return 'primary';
    });
    const steps = [model('a', primary, { retries: 0 }), model('b', async () => 'fallback')];
    const states: string[] = [];
    breakers.onStateChange((key, state) => states.push(`${key}:${state}`));

    for (let i = 0; i < 2; i++) expect((await runChain('f', steps, {}, deps)).route).toBe('fallback');
    expect(primary).toHaveBeenCalledTimes(2);
    const skipped = await runChain('f', steps, {}, deps);
    expect(skipped.route).toBe('fallback');
    expect(skipped.attempts[0]).toMatchObject({ outcome: 'skipped', skipped: 'circuit_open' });
    expect(primary).toHaveBeenCalledTimes(2);

    await vi.advanceTimersByTimeAsync(10_000);
    expect((await runChain('f', steps, {}, deps)).route).toBe('fallback'); // the probe fails
    expect(primary).toHaveBeenCalledTimes(3);
    expect(breakers.get('a').state).toBe('open');
    await runChain('f', steps, {}, deps);
    expect(primary).toHaveBeenCalledTimes(3);

    healthy = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await runChain('f', steps, {}, deps)).route).toBe('primary');
    expect(breakers.states()).toEqual({ a: 'closed', b: 'closed' });
    expect(states).toEqual(['a:open', 'a:half-open', 'a:open', 'a:half-open', 'a:closed']);
  });

  it('a dead model is skipped without waiting for its timeout', async () => {
    const { deps } = testDeps({ threshold: 1, openMs: 60_000 });
    const steps = [model('a', (s) => hang<string>(s), { timeoutMs: 5000 }), model('b', async () => 'b')];
    const first = runChain('f', steps, {}, deps);
    await vi.advanceTimersByTimeAsync(5000);
    expect((await first).latencyMs).toBe(5000);
    const second = await runChain('f', steps, {}, deps);
    expect(second).toMatchObject({ route: 'fallback', latencyMs: 0 });
  });

  it('request errors and invalid output do not open the breaker', async () => {
    const { deps, breakers } = testDeps({ threshold: 1 });
    await runChain(
      'f',
      [
        model('a', async () => {
          throw httpError(400);
        }),
        rule('r', () => 'r'),
      ],
      {},
      deps,
    ).catch(() => {});
    await runChain('f', [model('a', async () => 'x', { validate: () => 'bad' }), rule('r', () => 'r')], {}, deps);
    expect(breakers.get('a').state).toBe('closed');
  });
});

describe("the caller's AbortSignal", () => {
  it('stops the running step and every later one; recorded once, as aborted', async () => {
    const { deps, recorder } = testDeps();
    const caller = new AbortController();
    let seen: AbortSignal | undefined;
    const fallback = vi.fn(async () => 'b');
    const ruleFn = vi.fn(() => 'r');
    const p = runChain(
      'f',
      [
        model('a', (s) => {
          seen = s;
          return hang<string>(s);
        }),
        model('b', fallback),
        rule('r', ruleFn),
      ],
      { signal: caller.signal },
      deps,
    ).catch((e) => e);
    await vi.advanceTimersByTimeAsync(300);
    caller.abort();
    const err = await p;
    expect(isCancelledError(err)).toBe(true);
    expect(err.name).toBe('AbortError');
    expect(seen!.aborted).toBe(true);
    expect(fallback).not.toHaveBeenCalled();
    expect(ruleFn).not.toHaveBeenCalled();
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.last).toMatchObject({
      outcome: 'error',
      errorType: 'other',
      route: 'primary',
      model: 'a',
      latencyMs: 300,
      metadata: { aborted: true },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancels a retry wait', async () => {
    const { deps } = testDeps();
    const caller = new AbortController();
    const primary = vi.fn(async (): Promise<string> => {
      throw httpError(429, { 'retry-after': '5' });
    });
    const p = runChain(
      'f',
      [model('a', primary, { retries: 2 }), model('b', async () => 'b')],
      { signal: caller.signal },
      deps,
    ).catch((e) => e);
    await vi.advanceTimersByTimeAsync(1000);
    caller.abort();
    expect(isCancelledError(await p)).toBe(true);
    expect(primary).toHaveBeenCalledTimes(1);
  });

  it('an already aborted signal calls nothing', async () => {
    const { deps, recorder } = testDeps();
    const primary = vi.fn(async () => 'a');
    await expect(runChain('f', [model('a', primary)], { signal: AbortSignal.abort() }, deps)).rejects.toSatisfy(
      isCancelledError,
    );
    expect(primary).not.toHaveBeenCalled();
    expect(recorder.last).toMatchObject({ outcome: 'error', metadata: { aborted: true } });
  });
});
