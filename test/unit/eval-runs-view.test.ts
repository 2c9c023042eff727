// The evals pages' pure logic: two runs compared case by case, a run's pass rate as the server counts it,
// its cases grouped failures first, and its verdict against threshold and baseline.
import { describe, expect, it } from 'vitest';
import { countChanges, diffRuns } from '@/lib/evals/run-diff';
import { runFigures } from '@/lib/evals/weighted-pass-rate';
import { groupCases } from '@/lib/evals/case-groups';
import { runVerdict } from '@/lib/evals/run-verdict';

const r = (name: string, passed: boolean, repeat = 0) => ({ name, repeat, passed });

describe('diffRuns', () => {
  it('sorts regressed, fixed, new, removed and unchanged cases, worst first', () => {
    const diffs = diffRuns(
      [r('refund', true), r('greeting', false), r('gone', true), r('same', true)],
      [r('refund', false), r('greeting', true), r('added', false), r('same', true)],
    );
    expect(diffs.map((d) => [d.name, d.change])).toEqual([
      ['refund', 'regressed'],
      ['greeting', 'fixed'],
      ['added', 'new'],
      ['gone', 'removed'],
      ['same', 'unchanged'],
    ]);
    expect(diffs[0]).toMatchObject({ basePassRate: 1, headPassRate: 0 });
    expect(diffs[2]).toMatchObject({ basePassRate: null, headPassRate: 0, base: [] });
    expect(countChanges(diffs)).toEqual({ regressed: 1, fixed: 1, new: 1, removed: 1, unchanged: 1 });
  });

  it('counts repeats as a pass rate: 3 of 3 before and 2 of 3 now is a regression', () => {
    const [diff] = diffRuns(
      [r('flaky', true, 0), r('flaky', true, 1), r('flaky', true, 2)],
      [r('flaky', true, 2), r('flaky', false, 1), r('flaky', true, 0)],
    );
    expect(diff.change).toBe('regressed');
    expect(diff.headPassRate).toBeCloseTo(2 / 3);
    expect(diff.head.map((x) => x.repeat)).toEqual([0, 1, 2]);
  });
});

describe('runFigures', () => {
  it('weighs the pass rate: Σ weight·passed / Σ weight', () => {
    expect(
      runFigures([
        { passed: true, weight: 3 },
        { passed: false, weight: 1 },
      ]),
    ).toEqual({ total: 2, passed: 1, passRate: 0.75 });
  });

  it('counts plain shares when every weight is 0', () => {
    expect(
      runFigures([
        { passed: true, weight: 0 },
        { passed: false, weight: 0 },
        { passed: false, weight: 0 },
      ]),
    ).toEqual({ total: 3, passed: 1, passRate: 1 / 3 });
  });

  it('ignores weight-0 cases in the rate but counts them as results', () => {
    expect(
      runFigures([
        { passed: false, weight: 0 },
        { passed: true, weight: 2 },
      ]),
    ).toEqual({ total: 2, passed: 1, passRate: 1 });
  });
});

describe('groupCases', () => {
  it('puts a case’s repeats together, failures first', () => {
    const groups = groupCases([r('b', true), r('a', true), r('c', true, 1), r('c', false, 0)]);
    expect(groups.map((g) => [g.name, g.passRate, g.results.map((x) => x.repeat)])).toEqual([
      ['c', 0.5, [0, 1]],
      ['a', 1, [0]],
      ['b', 1, [0]],
    ]);
  });
});

describe('runVerdict', () => {
  it('says below threshold before below baseline, and unjudged with neither', () => {
    expect(runVerdict({ passRate: 0.7, threshold: 0.8 }, 0.9)).toBe('below_threshold');
    expect(runVerdict({ passRate: 0.85, threshold: 0.8 }, 0.9)).toBe('below_baseline');
    expect(runVerdict({ passRate: 0.9, threshold: 0.8 }, 0.9)).toBe('passing');
    expect(runVerdict({ passRate: 0.1, threshold: null }, null)).toBe('unjudged');
  });
});
