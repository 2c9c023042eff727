// llm-rubric: a judge model grades the output against the rubric through
// POST {judge.baseUrl}/chat/completions and answers {"score": 0..1, "reason": "..."}.
// A judge that cannot be reached or answers nonsense fails the assertion with why; it never
// stops the run.
import { EndpointError, postToEndpoint } from './endpoint';
import { failure, measured, type Check } from './outcome';

export const DEFAULT_RUBRIC_THRESHOLD = 0.7;

const INSTRUCTIONS = [
  'You grade the output of an AI feature against a rubric.',
  'Read the rubric and the output, decide how well the output meets the rubric, and answer with one JSON object and nothing else:',
  '{"score": <a number from 0 (does not meet the rubric at all) to 1 (fully meets it)>, "reason": "<one sentence>"}',
].join('\n');

export function judgeMessages(rubric: string, output: string, vars: Record<string, unknown>) {
  const input = Object.keys(vars).length ? `\n\n<input>\n${JSON.stringify(vars)}\n</input>` : '';
  return [
    { role: 'system' as const, content: INSTRUCTIONS },
    { role: 'user' as const, content: `<rubric>\n${rubric}\n</rubric>${input}\n\n<output>\n${output}\n</output>` },
  ];
}

export const llmRubric: Check = async ({ assertion, evalCase, answer, context }) => {
  const judge = context.judge;
  if (!judge) return failure('no judge is configured (set judge: { baseUrl, model } in the eval file)');
  let verdict: { score: number; reason: string };
  try {
    const body = await postToEndpoint(
      judge,
      '/chat/completions',
      {
        model: judge.model,
        temperature: 0,
        messages: judgeMessages(String(assertion.value), answer.output, evalCase.vars),
      },
      context,
    );
    verdict = parseVerdict(body);
  } catch (err) {
    if (err instanceof EndpointError) return failure(`the judge failed: ${err.message}`);
    throw err;
  }
  const threshold = assertion.threshold ?? DEFAULT_RUBRIC_THRESHOLD;
  const pass = verdict.score >= threshold;
  const comparison = measured(
    pass,
    assertion.not,
    'judge score',
    [verdict.score.toFixed(2), threshold.toFixed(2)],
    ['≥', '<'],
  );
  return { pass, score: verdict.score, reason: verdict.reason ? `${comparison}: ${verdict.reason}` : comparison };
};

/**
 * The judge's verdict from a chat completion. Models wrap JSON in prose or code fences, and some
 * write the score as a string: the text from the first { to the last } is parsed, and a bare
 * `"score": 0.8` is read when the object is not valid JSON.
 */
export function parseVerdict(body: unknown): { score: number; reason: string } {
  const content = (body as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || !content.trim()) throw new EndpointError('the judge answered no message content');
  const shown = JSON.stringify(content.length > 120 ? `${content.slice(0, 119)}…` : content);
  let score: unknown;
  let reason: unknown;
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start >= 0 && end > start) {
    try {
      const parsed = JSON.parse(content.slice(start, end + 1)) as Record<string, unknown>;
      if (parsed && typeof parsed === 'object') ({ score, reason } = parsed);
    } catch {
      // not JSON: the bare pattern below may still find the score
    }
  }
  if (score === undefined) {
    score = /"?score"?\s*[:=]\s*"?(-?\d+(?:\.\d+)?)/i.exec(content)?.[1];
    reason = /"?reason"?\s*[:=]\s*"((?:[^"\\]|\\.)*)"/i.exec(content)?.[1];
  }
  if (score === undefined) throw new EndpointError(`the judge's answer has no score: ${shown}`);
  const number = typeof score === 'string' ? Number(score) : score;
  if (typeof number !== 'number' || !(number >= 0 && number <= 1)) {
    throw new EndpointError(`the judge's score ${JSON.stringify(score)} is not a number from 0 to 1: ${shown}`);
  }
  return { score: number, reason: typeof reason === 'string' ? reason.trim() : '' };
}
