import { afterEach, describe, expect, it } from 'vitest';
import { parseVerdict } from '@/lib/evals/assertions/llm-rubric';
import { assertion, chatCompletion, check, startModelServer } from '../support/evals-fixtures';

describe('llm-rubric against a judge endpoint', () => {
  let server: Awaited<ReturnType<typeof startModelServer>> | undefined;
  afterEach(async () => server?.close());

  const rubric = (threshold?: number, not = false) =>
    assertion(
      not ? 'not-llm-rubric' : 'llm-rubric',
      'Is polite and offers a refund',
      threshold === undefined ? {} : { threshold },
    );

  it('sends the rubric, the output and the vars, and passes when the score meets the threshold', async () => {
    server = await startModelServer(() => ({
      body: chatCompletion('{"score": 0.9, "reason": "Polite, offers a refund."}'),
    }));
    const context = {
      judge: { baseUrl: server.baseUrl, model: 'judge-1', apiKeyEnv: 'JUDGE_KEY' },
      env: { JUDGE_KEY: 'secret' },
    };
    const result = await check(rubric(0.7), 'Sorry for the trouble, here is your refund.', {
      context,
      case: { vars: { order: 42 } },
    });
    expect(result).toMatchObject({
      type: 'llm-rubric',
      passed: true,
      score: 0.9,
      reason: 'judge score 0.90 ≥ 0.70: Polite, offers a refund.',
    });
    const [request] = server.requests;
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer secret');
    const body = request.body as { model: string; temperature: number; messages: { role: string; content: string }[] };
    expect(body).toMatchObject({ model: 'judge-1', temperature: 0 });
    const user = body.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain('Is polite and offers a refund');
    expect(user).toContain('here is your refund');
    expect(user).toContain('{"order":42}');
  });

  it('fails below the threshold; negated, passes below it', async () => {
    server = await startModelServer(() => ({
      body: chatCompletion('```json\n{"score": "0.4", "reason": "Rude."}\n```'),
    }));
    const context = { judge: { baseUrl: server.baseUrl, model: 'judge-1' } };
    expect(await check(rubric(0.7), 'Go away.', { context })).toMatchObject({
      passed: false,
      score: 0.4,
      reason: 'judge score 0.40 < 0.70: Rude.',
    });
    expect(await check(rubric(0.7, true), 'Go away.', { context })).toMatchObject({ passed: true, score: 0.6 });
  });

  it('a judge that fails or answers nonsense fails the assertion with why, negated or not', async () => {
    let reply: { status?: number; body: unknown } = { status: 500, body: 'upstream exploded' };
    server = await startModelServer(() => reply);
    const context = { judge: { baseUrl: server.baseUrl, model: 'judge-1' } };
    const failed = await check(rubric(0.5, true), 'x', { context });
    expect(failed).toMatchObject({ passed: false, score: 0 });
    expect(failed.reason).toMatch(/^the judge failed: .*answered HTTP 500: upstream exploded$/);
    reply = { body: chatCompletion('I think it is quite good.') };
    expect((await check(rubric(0.5), 'x', { context })).reason).toBe(
      'the judge failed: the judge\'s answer has no score: "I think it is quite good."',
    );
    reply = { body: chatCompletion('{"score": 8, "reason": "good"}') };
    expect((await check(rubric(0.5), 'x', { context })).reason).toMatch(
      /^the judge failed: the judge's score 8 is not a number from 0 to 1/,
    );
    reply = { body: 'not json at all' };
    expect((await check(rubric(0.5), 'x', { context })).reason).toMatch(/answered something that is not JSON/);
  });

  it('an unreachable judge fails the assertion', async () => {
    server = await startModelServer(() => ({ body: {} }));
    const baseUrl = server.baseUrl;
    await server.close();
    server = undefined;
    const result = await check(rubric(0.5), 'x', { context: { judge: { baseUrl, model: 'judge-1' } } });
    expect(result.passed).toBe(false);
    expect(result.reason).toMatch(/^the judge failed: cannot reach http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: /);
  });

  it('without a judge it fails and says to configure one', async () => {
    expect((await check(rubric(0.5), 'x')).reason).toMatch(/^no judge is configured/);
  });
});

describe('parseVerdict', () => {
  const verdict = (content: string) => parseVerdict(chatCompletion(content));

  it('reads JSON wrapped in prose or fences, and a bare score when the object is not JSON', () => {
    expect(verdict('Here is my grade: {"score": 1, "reason": "ok"} Thanks.')).toEqual({ score: 1, reason: 'ok' });
    expect(verdict("{score: 0.25, reason: 'single quotes'}")).toEqual({ score: 0.25, reason: '' });
    expect(verdict('{"score": 0.5, "reason": "has a } brace"}')).toEqual({ score: 0.5, reason: 'has a } brace' });
    expect(() => verdict('')).toThrow(/no message content/);
    expect(() => parseVerdict({})).toThrow(/no message content/);
  });
});
