// Fault specs: how rates turn into decisions, how updates merge, what validation refuses.
import { describe, expect, it } from 'vitest';
import { applyFaultUpdate, decideFault, emptyFaults, faultsFor, FaultUpdateSchema } from '@/lib/mock-provider/faults';
import { splitIntoChunks } from '@/lib/mock-provider/completion';

const rolls =
  (...values: number[]) =>
  () =>
    values.shift() ?? 0.999;

describe('decideFault', () => {
  it('answers at once without faults', () => {
    expect(decideFault({})).toEqual({ kind: 'answer', delayMs: 0, invalidOutput: false });
  });

  it('checks hang, then 429, then 5xx, each against its own roll', () => {
    const spec = { hangRate: 0.1, rate429: 0.2, rate5xx: 0.3, retryAfterSeconds: 4 };
    expect(decideFault(spec, rolls(0.05))).toEqual({ kind: 'hang' });
    expect(decideFault(spec, rolls(0.5, 0.15))).toEqual({ kind: 'rate_limit', retryAfterSeconds: 4 });
    expect(decideFault(spec, rolls(0.5, 0.5, 0.25, 0.7))).toEqual({ kind: 'server_error', status: 503 });
    expect(decideFault(spec, rolls(0.5, 0.5, 0.5))).toMatchObject({ kind: 'answer' });
  });

  it('adds latency plus jitter, and rolls invalid output', () => {
    expect(decideFault({ latencyMs: 100, jitterMs: 50, invalidOutputRate: 0.5 }, rolls(0.5, 0.4))).toEqual({
      kind: 'answer',
      delayMs: 125,
      invalidOutput: true,
    });
  });
});

describe('fault updates', () => {
  it('replaces the scopes given, removes a model with null, and merges model over global', () => {
    let config = applyFaultUpdate(emptyFaults(), {
      global: { latencyMs: 50, rate429: 0.1 },
      models: { a: { rate429: 1 }, b: { hangRate: 1 } },
    });
    expect(faultsFor(config, 'a')).toEqual({ latencyMs: 50, rate429: 1 });
    expect(faultsFor(config, 'z')).toEqual({ latencyMs: 50, rate429: 0.1 });
    config = applyFaultUpdate(config, { models: { b: null } });
    expect(Object.keys(config.models)).toEqual(['a']);
    config = applyFaultUpdate(config, { global: null });
    expect(config.global).toEqual({});
  });

  it('refuses unknown fields, rates outside 0–1 and fractional milliseconds', () => {
    const paths = (input: unknown) => FaultUpdateSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ global: { rate429: 2 } })).toEqual(['global.rate429']);
    expect(paths({ global: { latencyMs: 1.5 } })).toEqual(['global.latencyMs']);
    expect(paths({ models: { a: { latency: 1 } } })).toEqual(['models.a']);
    expect(paths({ everything: {} })).toEqual(['']);
    expect(paths({ global: { statuses5xx: [404] } })).toEqual(['global.statuses5xx.0']);
  });
});

it('splits content into chunks that join back to it', () => {
  const text = 'Hello there,  world.\nNext line ';
  expect(splitIntoChunks(text).join('')).toBe(text);
  expect(splitIntoChunks(text).length).toBeGreaterThan(3);
});
