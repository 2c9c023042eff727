import { describe, expect, it } from 'vitest';
import { checkCase, scoreCase } from '@/lib/evals/assertions';
import type { AssertionResult } from '@/lib/evals/types';
import { answer, assertion, check, evalCase } from '../support/evals-fixtures';

describe('latency and cost', () => {
  it('latency passes at or under the limit and prints both in ms', async () => {
    expect(await check(assertion('latency', 2000), 'x', { answer: { latencyMs: 2000 } })).toMatchObject({
      passed: true,
      reason: 'latency 2,000 ms ≤ 2,000 ms',
    });
    expect(await check(assertion('latency', 2000), 'x', { answer: { latencyMs: 2340 } })).toMatchObject({
      passed: false,
      score: 0,
      reason: 'latency 2,340 ms > 2,000 ms',
    });
    expect(await check(assertion('not-latency', 2000), 'x', { answer: { latencyMs: 150 } })).toMatchObject({
      passed: false,
      reason: 'latency 150 ms ≤ 2,000 ms, expected > 2,000 ms',
    });
  });

  it('cost compares USD and a target that reports no cost fails, negated too', async () => {
    expect(await check(assertion('cost', 0.01), 'x', { answer: { costUsd: 0.0042 } })).toMatchObject({
      passed: true,
      reason: 'cost $0.0042 ≤ $0.01',
    });
    expect(await check(assertion('cost', 0.01), 'x', { answer: { costUsd: 0.01004 } })).toMatchObject({
      passed: false,
      reason: 'cost $0.01004 > $0.01',
    });
    for (const type of ['cost', 'not-cost']) {
      const result = await check(assertion(type, 0.01), 'x', { answer: { costUsd: null } });
      expect(result).toMatchObject({
        passed: false,
        score: 0,
        reason: 'the target reported no cost, so a cost limit cannot be checked',
      });
    }
  });
});

const result = (passed: boolean, score: number, weight = 1): AssertionResult => ({
  type: 'contains',
  passed,
  score,
  weight,
  reason: '',
});

describe('case scoring', () => {
  it('is the weighted mean of the scores; by default every assertion must pass', () => {
    expect(scoreCase([result(true, 1), result(true, 0.9)], 1)).toEqual({ passed: true, score: 0.95 });
    expect(scoreCase([result(true, 1, 3), result(false, 0, 1)], 1)).toEqual({ passed: false, score: 0.75 });
  });

  it('a lower case threshold lets a share of the weight fail', () => {
    expect(scoreCase([result(true, 1, 3), result(false, 0, 1)], 0.75).passed).toBe(true);
    expect(scoreCase([result(true, 1, 2), result(false, 0, 1)], 0.75).passed).toBe(false);
    expect(scoreCase([result(true, 1, 0.1), result(true, 1, 0.2), result(false, 0, 0.7)], 0.3).passed).toBe(true);
  });

  it('zero weights count equally when all are zero; a weight of 0 otherwise does not count', () => {
    expect(scoreCase([result(true, 1, 0), result(false, 0, 0)], 0.5)).toEqual({ passed: true, score: 0.5 });
    expect(scoreCase([result(true, 1, 1), result(false, 0, 0)], 1)).toEqual({ passed: true, score: 1 });
  });

  it('no assertions: passes with score 1', () => {
    expect(scoreCase([], 1)).toEqual({ passed: true, score: 1 });
  });

  it('checkCase checks every assertion with negation and weights', async () => {
    const c = evalCase(
      [
        assertion('contains', 'refund', { weight: 2 }),
        assertion('not-regex', '^Sorry'),
        assertion('latency', 1000, { weight: 1 }),
      ],
      { threshold: 0.75 },
    );
    const checked = await checkCase(c, answer('Sorry, a refund is on its way.', { latencyMs: 400 }), {});
    expect(checked.assertions.map((a) => [a.type, a.passed])).toEqual([
      ['contains', true],
      ['not-regex', false],
      ['latency', true],
    ]);
    expect(checked.assertions[1].reason).toBe('expected not to match /^Sorry/');
    expect(checked.score).toBe(0.75);
    expect(checked.passed).toBe(true);
    expect((await checkCase({ ...c, threshold: 1 }, answer('Sorry, a refund.'), {})).passed).toBe(false);
  });
});
