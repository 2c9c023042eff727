// The CLI's HTTP side: commands that change definitions go through the running app's API, so
// they are validated, authorised and audited exactly like the dashboard's edits.
import type { ErrorBody } from '@/lib/api/errors';
import { z } from 'zod';
import { env } from '@/lib/env';
import { CommandFailure, UsageError } from './command';

/** Exit codes of commands that talk to the server. */
export const EXIT_CONFIG_ERROR = 3;
export const EXIT_SERVER_ERROR = 4;

/** The server answered with an error status; `status` lets a caller accept e.g. a 404 as "none". */
export class ServerRefusal extends CommandFailure {
  constructor(
    message: string,
    exitCode: number,
    readonly status: number,
  ) {
    super(message, exitCode);
  }
}

export interface ServerTarget {
  url: string;
  apiKey: string;
}

/** From --url/--key, else SWITCHBOARD_URL/SWITCHBOARD_API_KEY. `scope` names what the key needs. */
export function serverTarget(input: { url?: string; key?: string }, scope: string): ServerTarget {
  const url = input.url ?? env.SWITCHBOARD_URL;
  const apiKey = input.key ?? env.SWITCHBOARD_API_KEY;
  if (!url)
    throw new UsageError(
      'Missing --url (or SWITCHBOARD_URL): where the Switchboard app runs, e.g. http://localhost:3000.',
    );
  if (!apiKey) throw new UsageError(`Missing --key (or SWITCHBOARD_API_KEY): an API key with the ${scope} scope.`);
  return { url: url.replace(/\/+$/, ''), apiKey };
}

/** The zod shape of serverOptions' values, to spread into a command's schema. */
export const serverOptionsShape = {
  url: z.url('Must be a URL, e.g. http://localhost:3000.').optional(),
  key: z.string().min(1).optional(),
};

export const serverOptions = {
  url: { type: 'string', value: 'URL', description: 'The Switchboard app (default: SWITCHBOARD_URL).' },
  key: { type: 'string', value: 'KEY', description: 'An API key (default: SWITCHBOARD_API_KEY).' },
} as const;

function fieldLines(body: ErrorBody | null): string[] {
  return Object.entries(body?.error.fieldErrors ?? {}).map(([path, messages]) => `  ${path}: ${messages.join(' ')}`);
}

/** Sends a JSON request; answers the parsed body, or throws a CommandFailure that says what failed. */
export async function requestServer<T>(
  target: ServerTarget,
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${target.apiKey}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...extraHeaders,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new CommandFailure(
      `Cannot reach Switchboard at ${target.url} (${(err as Error).message}). Is it running, and is SWITCHBOARD_URL right?`,
      EXIT_SERVER_ERROR,
    );
  }
  const answer = (await res.json().catch(() => null)) as (T & ErrorBody) | null;
  if (res.ok && answer) return answer;
  const message = answer?.error?.message ?? `Switchboard answered ${res.status} to ${method} ${path}.`;
  if (res.status === 400)
    throw new ServerRefusal([message, ...fieldLines(answer)].join('\n'), EXIT_CONFIG_ERROR, res.status);
  const hint = res.status === 401 ? ' Check --key (or SWITCHBOARD_API_KEY).' : '';
  throw new ServerRefusal(`${message}${hint} (HTTP ${res.status})`, EXIT_SERVER_ERROR, res.status);
}
