// Calls an OpenAI-compatible endpoint for the checks that need a model (the judge, embeddings).
// Every failure becomes an EndpointError whose message a CI log reader can act on.
import type { ModelEndpoint } from '../types';
import type { AssertionContext } from './context';

/** A judge or embedding call that takes longer than this fails the assertion. */
const TIMEOUT_MS = 60_000;

export class EndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointError';
  }
}

/** POSTs `body` to {baseUrl}{path} and answers the parsed JSON. */
export async function postToEndpoint(
  endpoint: ModelEndpoint,
  path: string,
  body: unknown,
  context: AssertionContext,
): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (endpoint.apiKeyEnv) {
    const key = context.env?.[endpoint.apiKeyEnv];
    if (!key)
      throw new EndpointError(
        `the environment variable ${endpoint.apiKeyEnv} (the API key of ${endpoint.baseUrl}) is not set`,
      );
    headers.authorization = `Bearer ${key}`;
  }
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}${path}`;
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = context.signal ? AbortSignal.any([context.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await (context.fetch ?? fetch)(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
  } catch (err) {
    const why = timeout.aborted
      ? `no answer within ${TIMEOUT_MS / 1000} s`
      : (((err as Error).cause as Error | undefined)?.message ?? (err as Error).message);
    throw new EndpointError(`cannot reach ${url}: ${why}`);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new EndpointError(`${url} answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new EndpointError(`${url} answered something that is not JSON: ${text.slice(0, 200)}`);
  }
}
