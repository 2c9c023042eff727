import { describe, expect, it } from 'vitest';
import { assertion, check } from '../support/evals-fixtures';

const SCHEMA = {
  type: 'object',
  required: ['ok', 'items'],
  properties: { ok: { type: 'boolean' }, items: { type: 'array', maxItems: 2 } },
};

describe('is-json and json-schema', () => {
  it('is-json accepts JSON, also inside a ```json fence, and says why not otherwise', async () => {
    expect(await check(assertion('is-json'), '{"ok": true}')).toMatchObject({ passed: true, reason: 'is valid JSON' });
    expect(await check(assertion('is-json'), '```json\n[1, 2]\n```')).toMatchObject({ passed: true });
    const bad = await check(assertion('is-json'), 'Sure! {"ok": true}');
    expect(bad.passed).toBe(false);
    expect(bad.reason).toMatch(/^expected to be valid JSON \(.*JSON.*\)$/);
    expect(await check(assertion('not-is-json'), 'plain words')).toMatchObject({ passed: true, score: 1 });
  });

  it('json-schema validates the parsed output and names the failing field', async () => {
    expect(await check(assertion('json-schema', SCHEMA), '{"ok": true, "items": []}')).toMatchObject({
      passed: true,
      reason: 'is JSON matching the schema',
    });
    const wrong = await check(assertion('json-schema', SCHEMA), '{"ok": "yes", "items": [1, 2, 3]}');
    expect(wrong.passed).toBe(false);
    expect(wrong.reason).toContain('output/ok should be boolean');
    expect(wrong.reason).toContain('output/items should NOT have more than 2 items');
    expect((await check(assertion('json-schema', SCHEMA), 'not json')).reason).toMatch(
      /^expected to be JSON matching the schema \(not JSON: /,
    );
    expect(await check(assertion('not-json-schema', SCHEMA), '{"ok": 1}')).toMatchObject({ passed: true });
  });
});

describe('javascript', () => {
  it('passes on a truthy value with output, expected and vars in scope', async () => {
    const a = assertion(
      'javascript',
      'output.length < 200 && JSON.parse(output).ok && vars.lang === "en" && expected === "x"',
    );
    expect(await check(a, '{"ok": true}', { case: { vars: { lang: 'en' }, expected: 'x' } })).toMatchObject({
      passed: true,
      score: 1,
    });
    const falsy = await check(assertion('javascript', 'output.includes("refund")'), 'no');
    expect(falsy).toMatchObject({
      passed: false,
      reason: 'expected to satisfy output.includes("refund") (returned false)',
    });
  });

  it('sees latencyMs and costUsd', async () => {
    const a = assertion('javascript', 'latencyMs < 1000 && costUsd === null');
    expect(await check(a, 'x', { answer: { latencyMs: 300, costUsd: null } })).toMatchObject({ passed: true });
  });

  it('a number in [0, 1] is the score, passing at the threshold (0.5 by default)', async () => {
    expect(await check(assertion('javascript', 'output.length / 10'), 'abcdefg')).toMatchObject({
      passed: true,
      score: 0.7,
      reason: 'score 0.70 ≥ 0.50',
    });
    expect(await check(assertion('javascript', '0.7', { threshold: 0.8 }), 'x')).toMatchObject({
      passed: false,
      score: 0.7,
      reason: 'score 0.70 < 0.80',
    });
    expect(await check(assertion('not-javascript', '0.3'), 'x')).toMatchObject({ passed: true, score: 0.7 });
    expect(await check(assertion('javascript', 'output.length'), 'abc')).toMatchObject({ passed: false, score: 0 });
  });

  it('an exception, a runaway loop or a Promise fails with why, negated or not', async () => {
    const threw = await check(assertion('javascript', 'JSON.parse(output).ok'), 'not json');
    expect(threw.passed).toBe(false);
    expect(threw.reason).toMatch(/^the expression threw: .*JSON/);
    expect(await check(assertion('not-javascript', 'JSON.parse(output).ok'), 'not json')).toMatchObject({
      passed: false,
      score: 0,
    });
    const started = Date.now();
    expect(await check(assertion('javascript', '(() => { while (true) {} })()'), 'x')).toMatchObject({
      passed: false,
      reason: 'the expression ran longer than 100 ms',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await check(assertion('javascript', 'Promise.resolve(true)'), 'x')).reason).toContain('Promise');
  });

  it('cannot change the vars the runner keeps, nor reach require or process', async () => {
    const vars = { list: [1] };
    await check(assertion('javascript', 'vars.list.push(2) > 0'), 'x', { case: { vars } });
    expect(vars.list).toEqual([1]);
    expect(
      (await check(assertion('javascript', 'typeof require === "undefined" && typeof process === "undefined"'), 'x'))
        .passed,
    ).toBe(true);
  });
});
