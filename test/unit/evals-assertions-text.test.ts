import { describe, expect, it } from 'vitest';
import { assertion, check } from '../support/evals-fixtures';

describe('text assertions', () => {
  it('equals ignores surrounding whitespace and falls back to the expected output', async () => {
    expect(await check(assertion('equals', 'Yes'), ' Yes\n')).toMatchObject({
      type: 'equals',
      passed: true,
      score: 1,
      reason: 'equals "Yes"',
    });
    expect(await check(assertion('equals', 'Yes'), 'yes')).toMatchObject({
      passed: false,
      score: 0,
      reason: 'expected to equal "Yes"',
    });
    expect(await check(assertion('equals'), 'Paris', { case: { expected: 'Paris' } })).toMatchObject({ passed: true });
  });

  it('contains is case-sensitive, icontains is not (after Unicode normalisation)', async () => {
    expect(await check(assertion('contains', 'refund'), 'We will refund you.')).toMatchObject({
      passed: true,
      reason: 'contains "refund"',
    });
    expect(await check(assertion('contains', 'refund'), 'A REFUND is on its way')).toMatchObject({
      passed: false,
      reason: 'expected to contain "refund"',
    });
    expect(await check(assertion('icontains', 'refund'), 'A REFUND is on its way')).toMatchObject({ passed: true });
    expect(await check(assertion('icontains', 'ﬁle'), 'the FILE')).toMatchObject({ passed: true });
  });

  it('not- inverts the result and the score, and says what was expected', async () => {
    const found = await check(assertion('not-contains', 'Sorry'), 'Sorry, I cannot help.');
    expect(found).toMatchObject({
      type: 'not-contains',
      passed: false,
      score: 0,
      reason: 'expected not to contain "Sorry"',
    });
    const absent = await check(assertion('not-contains', 'Sorry'), 'Happy to help.');
    expect(absent).toMatchObject({ passed: true, score: 1, reason: 'does not contain "Sorry"' });
  });

  it('contains-any and contains-all take a list', async () => {
    const any = assertion('contains-any', ['refund', 'store credit']);
    expect(await check(any, 'You get store credit.')).toMatchObject({
      passed: true,
      reason: 'contains "store credit"',
    });
    expect(await check(any, 'No.')).toMatchObject({
      passed: false,
      reason: 'expected to contain any of "refund", "store credit"',
    });
    const all = assertion('contains-all', ['refund', 'days']);
    expect(await check(all, 'A refund takes 5 days.')).toMatchObject({ passed: true });
    expect(await check(all, 'A refund is coming.')).toMatchObject({
      passed: false,
      reason: 'expected to contain all of "refund", "days" (missing "days")',
    });
    expect(await check(assertion('not-contains-any', ['refund', 'credit']), 'No.')).toMatchObject({ passed: true });
  });

  it('starts-with ignores leading whitespace', async () => {
    expect(await check(assertion('starts-with', 'Hello'), '\n Hello there')).toMatchObject({ passed: true });
    expect(await check(assertion('not-starts-with', 'Sorry'), 'Sorry, no')).toMatchObject({
      passed: false,
      reason: 'expected not to start with "Sorry"',
    });
  });

  it('regex matches anywhere unless anchored, and says where it matched', async () => {
    expect(await check(assertion('regex', '\\d+ days'), 'within 14 days')).toMatchObject({
      passed: true,
      reason: 'matches /\\d+ days/ at "14 days"',
    });
    expect(await check(assertion('regex', '^\\d'), 'within 14 days')).toMatchObject({
      passed: false,
      reason: 'expected to match /^\\d/',
    });
    expect(await check(assertion('not-regex', '^Sorry'), 'Sorry.')).toMatchObject({ passed: false, score: 0 });
    expect(await check(assertion('regex', '😀.'), 'x😀😀')).toMatchObject({ passed: true });
  });

  it('long texts are cut in reasons', async () => {
    const long = 'x'.repeat(300);
    const result = await check(assertion('contains', long), 'short');
    expect(result.reason.length).toBeLessThan(120);
    expect(result.reason).toContain('…');
  });
});
