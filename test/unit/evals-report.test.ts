// What a run turns into for people and CI: the JUnit XML (checked with a strict well-formedness
// parser, test/support/xml.ts: saxes), the summary, and the comparison with a baseline.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '@/lib/evals/compare';
import { escapeXmlAttribute, toJUnitXml } from '@/lib/evals/junit';
import { formatSummary } from '@/lib/evals/summary';
import type { CaseResult, RunResults } from '@/lib/evals/types';
import { toUploadPayload } from '@/lib/evals/upload';
import { EvalRunUploadSchema } from '@/lib/validations/eval-run';
import { parseXmlStrict } from '../support/xml';

const result = (name: string, passed: boolean, extra: Partial<CaseResult> = {}): CaseResult => ({
  name,
  repeat: 0,
  passed,
  score: passed ? 1 : 0,
  vars: {},
  output: passed ? 'fine' : 'wrong',
  expected: null,
  assertions: passed
    ? [{ type: 'contains', passed: true, score: 1, weight: 1, reason: '' }]
    : [{ type: 'contains', passed: false, score: 0, weight: 1, reason: 'Expected output to contain "refund".' }],
  latencyMs: 120,
  costUsd: null,
  cached: false,
  error: null,
  ...extra,
});

function run(results: CaseResult[], overrides: Partial<RunResults> = {}): RunResults {
  const passed = results.filter((r) => r.passed).length;
  return {
    feature: 'support-agent',
    startedAt: '2026-11-27T10:00:00.000Z',
    finishedAt: '2026-11-27T10:00:02.500Z',
    target: { kind: 'http', model: 'gpt-4o-mini' },
    environment: 'production',
    threshold: 0.9,
    total: results.length,
    passed,
    passRate: passed / results.length,
    results,
    ...overrides,
  };
}

describe('JUnit XML', () => {
  it('has one testsuite and one testcase per case × repeat, failures with the reasons, all escaped', () => {
    const nasty = 'a <b> & "c" \'d\'\u0000\u001b ]]> \n line two';
    const xml = toJUnitXml(
      run([
        result('refund & <returns>', true),
        result('refund & <returns>', false, { repeat: 1, output: nasty }),
        result('down', false, {
          repeat: 0,
          output: null,
          assertions: [],
          error: 'http://x/v1/chat/completions answered 503: "upstream"',
        }),
        result('down', true, { repeat: 1 }),
      ]),
    );
    const root = parseXmlStrict(xml);
    expect(root.name).toBe('testsuites');
    expect(root.children).toHaveLength(1);
    const suite = root.children[0];
    expect(suite.attributes).toMatchObject({
      name: 'support-agent',
      tests: '4',
      failures: '1',
      errors: '1',
      time: '2.500',
    });
    expect(suite.children.map((c) => c.attributes.name)).toEqual([
      'refund & <returns> [run 1]',
      'refund & <returns> [run 2]',
      'down [run 1]',
      'down [run 2]',
    ]);
    const failure = suite.children[1].children[0];
    expect(failure.name).toBe('failure');
    expect(failure.attributes.message).toBe('contains: Expected output to contain "refund".');
    expect(failure.text).toContain('output: a <b> & "c" \'d\' ]]> \n line two');
    const error = suite.children[2].children[0];
    expect(error).toMatchObject({
      name: 'error',
      attributes: { message: 'http://x/v1/chat/completions answered 503: "upstream"', type: 'target-error' },
    });
    expect(suite.children[0].children).toEqual([]);
  });

  it('keeps line breaks in attributes as references, and the checker refuses what parsers refuse', () => {
    expect(parseXmlStrict(`<a m="${escapeXmlAttribute('one\ntwo\t"3"')}"/>`).attributes.m).toBe('one\ntwo\t"3"');
    for (const bad of [
      '<a><b></a></b>',
      '<a m="x & y"/>',
      '<a m="<"/>',
      '<a>&nbsp;</a>',
      '<a/><b/>',
      '<a m=x/>',
      '<a>\u0001</a>',
      '<a m="1" m="2"/>',
      '<a>',
    ]) {
      expect(() => parseXmlStrict(bad), bad).toThrow();
    }
  });
});

describe('compareRuns', () => {
  const baseline = {
    results: [result('refund', true), result('cancel', true), result('export', false), result('gone', true)],
  };

  it('lists regressed, fixed, new and removed cases, and regresses the run beyond the tolerance', () => {
    const current = run([
      result('refund', true),
      result('cancel', false),
      result('export', true),
      result('brand-new', false),
    ]);
    const c = compareRuns(current, baseline, 0.1);
    expect(c.regressedCases.map((x) => [x.name, x.before.passRate, x.after.passRate])).toEqual([['cancel', 1, 0]]);
    expect(c.fixedCases.map((x) => x.name)).toEqual(['export']);
    expect(c.newCases).toEqual(['brand-new']);
    expect(c.removedCases).toEqual(['gone']);
    expect([c.baselinePassRate, c.passRate]).toEqual([0.75, 0.5]);
    expect(c.regressed).toBe(true);
    expect(compareRuns(current, baseline, 0.25).regressed).toBe(false);
  });

  it('compares pass rates over repeats, weighted, within the tolerance', () => {
    const repeated = (name: string, passes: boolean[], weight = 1) =>
      passes.map((p, i) => ({ ...result(name, p, { repeat: i }), weight }));
    const before = {
      results: [...repeated('a', [true, true, true, true]), ...repeated('b', [true, false, true, false], 3)],
    };
    const after = run([...repeated('a', [true, true, true, false]), ...repeated('b', [true, true, true, false], 3)]);
    const strict = compareRuns(after, before, 0);
    expect(strict.regressedCases.map((x) => [x.name, x.before.passRate, x.after.passRate])).toEqual([['a', 1, 0.75]]);
    expect(strict.fixedCases.map((x) => [x.name, x.before.passRate, x.after.passRate])).toEqual([['b', 0.5, 0.75]]);
    // Weighted: a counts 1, b counts 3 → 10/16 before, 12/16 after.
    expect([strict.baselinePassRate, strict.passRate]).toEqual([0.625, 0.75]);
    expect(strict.regressed).toBe(false);
    expect(compareRuns(after, before, 0.25).regressedCases).toEqual([]);
  });
});

describe('formatSummary', () => {
  it('gives the verdict, per-case rates over repeats, the failed cases with why, and the baseline diff', () => {
    const long = `The refund ${'is processed '.repeat(20)}today`;
    const current = run([
      result('refund', true),
      result('refund', false, { repeat: 1, output: long }),
      result('cancel', false, { output: null, assertions: [], error: 'timed out after 5000 ms' }),
      result('cancel', true, { repeat: 1 }),
    ]);
    const text = formatSummary(
      current,
      compareRuns(current, { results: [result('refund', true), result('cancel', true)] }, 0.05),
    );
    expect(text).toContain('support-agent: 2/4 passed, pass rate 50% is BELOW the threshold 90%');
    expect(text).toContain('model gpt-4o-mini · 2 repeats · 0 cached · took 2.50 s');
    expect(text).toMatch(
      /Pass rate per case:\n\s+case\s+passed\s+rate\n\s+refund\s+1\/2\s+50%\n\s+cancel\s+1\/2\s+50%/,
    );
    expect(text).toMatch(
      /Failed \(2\):\n\s+case\s+run\s+output\s+why\n\s+refund\s+2\s+"The refund is processed .*…"\s+contains: Expected output to contain "refund"\.\n\s+cancel\s+1\s+\(no output\)\s+timed out after 5000 ms/,
    );
    expect(text).not.toContain('today');
    expect(text).toContain('Against the baseline (100% → 50%, tolerance 5.0%): REGRESSED');
    expect(text).toContain('    refund: passed → 1/2 passed (50%)');
    expect(text).toContain('    cancel: passed → 1/2 passed (50%)');
  });
});

describe('toUploadPayload', () => {
  it('fits the upload schema: weights kept, long texts cut, a non-hash commit and detached labels left out', () => {
    const payload = toUploadPayload(
      run([{ ...result('refund', false, { output: 'x'.repeat(150_000), latencyMs: 12.6 }), weight: 2 } as CaseResult], {
        gitCommit: 'not-a-sha',
        gitBranch: 'main',
        name: 'nightly',
      }),
    );
    const parsed = EvalRunUploadSchema.parse(payload);
    expect(parsed.results[0]).toMatchObject({ name: 'refund', weight: 2, latencyMs: 13, passed: false });
    expect(parsed.results[0].output).toHaveLength(100_000);
    expect(parsed).toMatchObject({
      feature: 'support-agent',
      name: 'nightly',
      gitBranch: 'main',
      model: 'gpt-4o-mini',
      threshold: 0.9,
    });
    expect(parsed.gitCommit).toBeUndefined();
  });
});
