import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptfooToUpload, PromptfooResultsSchema } from '@/lib/evals/promptfoo';
import { EvalRunUploadSchema } from '@/lib/validations/eval-run';

const fixture = () =>
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/promptfoo-results.json'), 'utf8'));

describe('promptfooToUpload', () => {
  it("maps promptfoo's JSON output to an upload the server schema accepts", () => {
    const run = EvalRunUploadSchema.parse(
      promptfooToUpload(PromptfooResultsSchema.parse(fixture()), {
        feature: 'support-agent',
        name: 'promptfoo import',
        gitCommit: 'abc1234',
      }),
    );
    expect(run).toMatchObject({
      feature: 'support-agent',
      name: 'promptfoo import',
      startedAt: '2026-11-20T09:14:02.512Z',
      model: 'gpt-4o-mini',
      gitCommit: 'abc1234',
      environment: 'production',
    });
    expect(run.results.map((r) => [r.name, r.repeat, r.passed])).toEqual([
      ['refund status', 0, true],
      ['question=How do I cancel?, plan=pro', 0, false],
      // The same test again (promptfoo --repeat): a repeat of the case, not a second case.
      ['refund status', 1, true],
      ['export status', 0, false],
    ]);
    expect(run.results[0]).toMatchObject({
      vars: { question: 'Where is my refund?' },
      output: 'Your refund was issued on Monday and should arrive within 5 business days.',
      score: 1,
      latencyMs: 912,
      costUsd: 0.0000253,
      error: null,
      assertions: [
        { type: 'icontains', passed: true, score: 1, weight: 1, reason: 'Assertion passed' },
        { type: 'latency', passed: true, score: 1, weight: 1, reason: 'Assertion passed' },
      ],
    });
    expect(run.results[1].assertions).toEqual([
      { type: 'contains', passed: false, score: 0, weight: 1, reason: 'Expected output to contain "Settings"' },
      {
        type: 'llm-rubric',
        passed: false,
        score: 0.375,
        weight: 2,
        reason: 'The answer is polite but does not mention the refund window.',
      },
    ]);
    expect(run.results[1].score).toBe(0.25);
    expect(run.results[2].output).toBe('{"answer":"Refunds take 5 days."}');
    expect(run.results[3]).toMatchObject({
      output: null,
      error: 'API error: 429 Too Many Requests',
      assertions: [],
      latencyMs: 0,
    });
  });

  it('names cases by prompt and provider when the file crosses several', () => {
    const data = fixture();
    const [a] = data.results.results;
    data.results.results = [
      { ...a, provider: { id: 'openai:gpt-4o-mini' } },
      { ...a, provider: { id: 'anthropic:messages:claude-sonnet-4' } },
    ];
    const run = promptfooToUpload(PromptfooResultsSchema.parse(data), { feature: 'f' });
    expect(run.results.map((r) => [r.name, r.repeat])).toEqual([
      ['refund status [openai:gpt-4o-mini]', 0],
      ['refund status [anthropic:messages:claude-sonnet-4]', 0],
    ]);
    expect(run.model).toBeUndefined();
  });

  it('refuses a file that is not promptfoo output, saying what it expected', () => {
    const notPromptfoo = PromptfooResultsSchema.safeParse({ evals: [] });
    expect(notPromptfoo.success).toBe(false);
    expect(notPromptfoo.error!.issues[0].message).toContain('promptfoo eval --output results.json');
    const noSuccess = PromptfooResultsSchema.safeParse({ results: { results: [{ testIdx: 0 }] } });
    expect(noSuccess.error!.issues[0]).toMatchObject({
      path: ['results', 'results', 0, 'success'],
      message: 'needs success: true or false',
    });
  });
});
