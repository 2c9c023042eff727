// One POST of a JSON message to a webhook, with a timeout, reduced to what the delivery log keeps.
import { parseRetryAfter } from '@/lib/sdk/policies/retry-after';
import { secretHint } from './kinds';

export interface SendResult {
  /** The HTTP status, or null when no answer came (network error, timeout). */
  status: number | null;
  /** Why it did not succeed, for people: "HTTP 500: …" or the network error; null on 2xx. */
  error: string | null;
  retryAfterMs: number | null;
  /** The start of the answer's body (receivers explain refusals there). */
  body: string;
  durationMs: number;
}

export interface PostOptions {
  /** Default 10 s. */
  timeoutMs?: number;
  /** Sent besides the JSON content type and the user agent (Opsgenie's Authorization). */
  headers?: Record<string, string>;
  /** A key sent with the request: where the answer repeats it, only its last 4 characters are kept. */
  secret?: string | null;
}

const BODY_CHARS = 300;

export async function postJson(
  url: string,
  payload: unknown,
  { timeoutMs = 10_000, headers = {}, secret = null }: PostOptions = {},
): Promise<SendResult> {
  const hide = (text: string) => (secret ? text.split(secret).join(secretHint(secret)!) : text);
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Switchboard-Webhooks/1' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    const body = hide(await res.text().catch(() => '')).slice(0, BODY_CHARS);
    const ok = res.status >= 200 && res.status < 300;
    return {
      status: res.status,
      error: ok ? null : `HTTP ${res.status}${body ? `: ${body}` : ''}`,
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), Date.now()),
      body,
      durationMs: elapsed(),
    };
  } catch (err) {
    return {
      status: null,
      error: hide(describeNetworkError(err, timeoutMs)),
      retryAfterMs: null,
      body: '',
      durationMs: elapsed(),
    };
  }
}

function describeNetworkError(err: unknown, timeoutMs: number): string {
  if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return `No answer within ${timeoutMs / 1000} s.`;
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}: ${cause.message ?? 'network error'}`;
  return err instanceof Error ? err.message : String(err);
}
