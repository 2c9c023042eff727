// runEvalSet against the real mock provider (an HTTP server in this process): cache, repeats,
// retries honouring Retry-After, timeouts and target errors, module targets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MODEL_PRICE_SEED } from '@/db/seed/model-prices';
import { PriceTable } from '@/lib/cost/price-table';
import { caseRates } from '@/lib/evals/case-rates';
import { EvalConfigError } from '@/lib/evals/errors';
import { runEvalSet, type RunOptions } from '@/lib/evals/run';
import type { EvalCase, EvalSet, TargetSpec } from '@/lib/evals/types';
import { startMockProvider, type MockProvider } from '@/lib/mock-provider';

let provider: MockProvider;
let dir: string;
beforeAll(async () => {
  provider = await startMockProvider({ port: 0 });
});
afterAll(() => provider.close());
beforeEach(() => {
  provider.clearFaults();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evals-run-'));
});

const evalCase = (name: string, question: string, contains: string, extra: Partial<EvalCase> = {}): EvalCase => ({
  name,
  vars: { question },
  assert: [{ type: 'contains', not: false, value: contains, weight: 1 }],
  weight: 1,
  threshold: 1,
  ...extra,
});

function evalSet(cases: EvalCase[], overrides: Partial<EvalSet> = {}): EvalSet {
  const target: TargetSpec = {
    kind: 'http',
    baseUrl: provider.baseUrl,
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Q: {{question}}' }],
  };
  return {
    file: path.join(dir, 'set.yaml'),
    feature: 'support-agent',
    target,
    cases,
    threshold: 0.8,
    regressionTolerance: 0,
    concurrency: 4,
    timeoutMs: 5000,
    retries: 2,
    environment: 'production',
    ...overrides,
  };
}

const options = (overrides: Partial<RunOptions> = {}): RunOptions => ({
  cacheDir: path.join(dir, 'cache'),
  env: {},
  retry: { baseDelayMs: 1 },
  ...overrides,
});
const requests = () => provider.stats().requests;

describe('runEvalSet', () => {
  it('answers every case, prices the tokens, and a rerun is served from the cache without a request', async () => {
    const set = evalSet([
      evalCase('refund', 'Where is my refund?', 'refund'),
      evalCase('kiwi', 'Say banana', 'kiwi', { weight: 3 }),
    ]);
    const before = requests();
    const first = await runEvalSet(set, options({ prices: new PriceTable(MODEL_PRICE_SEED) }));
    expect(requests() - before).toBe(2);
    expect(first).toMatchObject({
      feature: 'support-agent',
      total: 2,
      passed: 1,
      passRate: 0.25,
      target: { kind: 'http', model: 'gpt-4o-mini' },
    });
    const [refund, kiwi] = first.results;
    expect(refund).toMatchObject({ name: 'refund', repeat: 0, passed: true, cached: false, error: null, weight: 1 });
    expect(refund.output).toContain('Q: Where is my refund?');
    expect(refund.costUsd).toBeGreaterThan(0);
    expect(kiwi.assertions[0]).toMatchObject({ type: 'contains', passed: false });

    const second = await runEvalSet(set, options());
    expect(requests() - before).toBe(2);
    expect(second.results.map((r) => r.cached)).toEqual([true, true]);
    // A cached answer keeps what it cost and how long it took the first time.
    expect(second.results.map((r) => [r.output, r.latencyMs, r.costUsd])).toEqual(
      first.results.map((r) => [r.output, r.latencyMs, r.costUsd]),
    );

    await runEvalSet(set, options({ cacheDir: null }));
    expect(requests() - before).toBe(4);
    await runEvalSet(
      evalSet([evalCase('refund', 'Where is my refund?', 'refund')], {
        target: { ...set.target, temperature: 0.2 } as TargetSpec,
      }),
      options(),
    );
    expect(requests() - before).toBe(5);
  });

  it('runs each case --repeat times, each repeat cached on its own, with a pass rate per case', async () => {
    const set = evalSet([evalCase('refund', 'Where is my refund?', 'refund'), evalCase('kiwi', 'Say banana', 'kiwi')]);
    const before = requests();
    const run = await runEvalSet(set, options({ repeat: 3 }));
    expect(run.total).toBe(6);
    expect(run.results.map((r) => `${r.name}#${r.repeat}`)).toEqual([
      'refund#0',
      'refund#1',
      'refund#2',
      'kiwi#0',
      'kiwi#1',
      'kiwi#2',
    ]);
    expect(requests() - before).toBe(6);
    expect(caseRates(run.results)).toEqual([
      { name: 'refund', runs: 3, passed: 3, passRate: 1, weight: 1 },
      { name: 'kiwi', runs: 3, passed: 0, passRate: 0, weight: 1 },
    ]);
    const more = await runEvalSet(set, options({ repeat: 4 }));
    expect(requests() - before).toBe(8);
    expect(more.results.filter((r) => !r.cached).map((r) => `${r.name}#${r.repeat}`)).toEqual(['refund#3', 'kiwi#3']);
  });

  it('retries a 429 after its Retry-After and a 5xx, and fails only the case whose retries run out', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const scripted = [429, 503];
    const flaky: typeof fetch = async (url, init) => {
      const status = scripted.shift();
      if (status === 429)
        return new Response('{"error":{"message":"Rate limit reached"}}', { status, headers: { 'retry-after': '2' } });
      if (status) return new Response('{"error":{"message":"upstream"}}', { status });
      return fetch(url, init);
    };
    const run = await runEvalSet(
      evalSet([evalCase('refund', 'Where is my refund?', 'refund')], { concurrency: 1 }),
      options({ fetch: flaky, cacheDir: null, retry: { sleep, random: () => 0 } }),
    );
    expect(run.results[0]).toMatchObject({ passed: true, error: null });
    // Retry-After 2 s, then the backoff of a second retry without one: 500 ms × 2 × (0.5 + 0.5 × random 0).
    expect(waits).toEqual([2000, 500]);

    provider.setFaults({ models: { 'gpt-4o-mini': { rate429: 1, retryAfterSeconds: 0 } } });
    const before = requests();
    const limited = await runEvalSet(
      evalSet([evalCase('refund', 'Where is my refund?', 'refund')], { retries: 2 }),
      options({ cacheDir: null }),
    );
    expect(requests() - before).toBe(3);
    expect(limited.results[0]).toMatchObject({
      passed: false,
      output: null,
      error: expect.stringMatching(/chat\/completions answered 429/),
    });
  });

  it('times out a hung attempt and fails the case with why; other cases still run', async () => {
    provider.setFaults({ models: { 'gpt-4o': { hangRate: 1 } } });
    const hung = evalSet([evalCase('slow', 'Where is my refund?', 'refund')], {
      target: {
        kind: 'http',
        baseUrl: provider.baseUrl,
        model: 'gpt-4o',
        messages: [{ role: 'user', content: '{{question}}' }],
      },
      timeoutMs: 150,
    });
    const run = await runEvalSet(hung, options({ cacheDir: null }));
    expect(run.results[0]).toMatchObject({ passed: false, error: expect.stringMatching(/timed out after 150 ms$/) });

    const unreachable = evalSet([evalCase('a', 'x', 'x'), evalCase('b', 'y', 'y')], {
      target: {
        kind: 'http',
        baseUrl: 'http://127.0.0.1:9/v1',
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: '{{question}}' }],
      },
      retries: 0,
    });
    const down = await runEvalSet(unreachable, options({ cacheDir: null }));
    expect(down.results.map((r) => r.error)).toEqual([
      expect.stringContaining('Cannot reach http://127.0.0.1:9/v1/chat/completions'),
      expect.stringContaining('Cannot reach'),
    ]);
  });

  it('refuses before any call when a case lacks a variable of the template, or the key variable is unset', async () => {
    const before = requests();
    const set = evalSet([
      evalCase('ok', 'x', 'x'),
      { ...evalCase('no-question', 'x', 'x'), vars: { topic: 'billing' } },
    ]);
    await expect(runEvalSet(set, options())).rejects.toThrow(
      new EvalConfigError(
        'Case "no-question": the target\'s messages use {{question}}, but the case has no var "question" (it has topic).',
      ),
    );
    const keyed = evalSet([evalCase('ok', 'x', 'x')], {
      target: { kind: 'http', baseUrl: provider.baseUrl, model: 'm', apiKeyEnv: 'EVAL_TEST_KEY', messages: [] },
    });
    await expect(runEvalSet(keyed, options())).rejects.toThrow('$EVAL_TEST_KEY, which is not set');
    expect(requests()).toBe(before);
  });

  it('calls a module target (TypeScript or JavaScript) with the vars, relative to the eval file', async () => {
    fs.mkdirSync(path.join(dir, 'pipeline'));
    fs.writeFileSync(
      path.join(dir, 'pipeline', 'answer.ts'),
      'export default async function answer(vars: { question: string }): Promise<string> {\n  return `You asked: ${vars.question}`;\n}\n',
    );
    fs.writeFileSync(
      path.join(dir, 'pipeline', 'priced.mjs'),
      'export async function respond(vars) { if (vars.question === "boom") throw Object.assign(new Error("provider down"), { status: 400 }); return { output: vars.question.toUpperCase(), costUsd: 0.002 }; }\n',
    );
    const ts = await runEvalSet(
      evalSet([evalCase('echo', 'refund?', 'You asked: refund?')], {
        target: { kind: 'module', path: 'pipeline/answer.ts' },
      }),
      options(),
    );
    expect(ts.results[0]).toMatchObject({ passed: true, output: 'You asked: refund?', costUsd: null });
    expect(ts.target).toEqual({ kind: 'module' });
    const named = await runEvalSet(
      evalSet([evalCase('upper', 'refund', 'REFUND'), evalCase('boom', 'boom', 'x')], {
        target: { kind: 'module', path: './pipeline/priced.mjs', exportName: 'respond' },
      }),
      options(),
    );
    expect(named.results[0]).toMatchObject({ passed: true, output: 'REFUND', costUsd: 0.002 });
    expect(named.results[1]).toMatchObject({ passed: false, error: './pipeline/priced.mjs threw: provider down' });
    await expect(
      runEvalSet(
        evalSet([evalCase('x', 'x', 'x')], { target: { kind: 'module', path: 'pipeline/missing.ts' } }),
        options(),
      ),
    ).rejects.toThrow(/Cannot load the target module pipeline\/missing.ts/);
    await expect(
      runEvalSet(
        evalSet([evalCase('x', 'x', 'x')], { target: { kind: 'module', path: 'pipeline/priced.mjs' } }),
        options(),
      ),
    ).rejects.toThrow('has no function export "default" (nor "run")');
  });
});
