// Builders shared by the eval harness's unit tests, and a real HTTP server standing in for an
// OpenAI-compatible judge or embedding endpoint.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAssertion, type AssertionContext } from '@/lib/evals/assertions';
import type { Assertion, AssertionResult, EvalCase, TargetAnswer } from '@/lib/evals/types';

export function evalCase(assert: Assertion[], extra: Partial<EvalCase> = {}): EvalCase {
  return { name: 'case-1', vars: {}, assert, weight: 1, threshold: 1, ...extra };
}

export function answer(output: string, extra: Partial<TargetAnswer> = {}): TargetAnswer {
  return { output, latencyMs: 500, costUsd: 0.002, cached: false, ...extra };
}

/** `written` as in a file ("not-contains"), parsed the way the loader does. */
export function assertion(written: string, value?: unknown, extra: Partial<Assertion> = {}): Assertion {
  const not = written.startsWith('not-');
  const type = (not ? written.slice(4) : written) as Assertion['type'];
  return { type, not, weight: 1, ...(value !== undefined ? { value } : {}), ...extra };
}

/** Checks one assertion against an output. */
export function check(
  a: Assertion,
  output: string,
  options: { case?: Partial<EvalCase>; answer?: Partial<TargetAnswer>; context?: AssertionContext } = {},
): Promise<AssertionResult> {
  return checkAssertion(a, evalCase([a], options.case), answer(output, options.answer), options.context ?? {});
}

export interface RecordedRequest {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A server on a free local port answering every POST with `respond`; it records the requests. */
export async function startModelServer(respond: (req: RecordedRequest) => { status?: number; body: unknown }) {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const recorded = { url: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : null };
      requests.push(recorded);
      const { status = 200, body } = respond(recorded);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A chat completion whose message is `content`. */
export const chatCompletion = (content: string) => ({
  choices: [{ index: 0, message: { role: 'assistant', content } }],
});
