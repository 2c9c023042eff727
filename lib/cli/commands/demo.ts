// `switchboard demo`: live calls through the SDK so the charts move and a kill switch visibly works.
import { z } from 'zod';
import { env } from '@/lib/env';
import { runDemo } from '@/lib/demo-traffic/run';
import { defineCommand, UsageError } from '../command';
import { serverOptionsShape } from '../server';

export const demo = defineCommand({
  path: ['demo'],
  summary: 'Drives live demo traffic through the SDK against a mock LLM provider (charts move; kill switches act).',
  usage: '--url URL --key KEY [--rps 5] [--chaos] [--provider-url URL] [--duration S]',
  help: [
    'Calls support-agent, moderation, entitlement-check and summarizer through their fallback chains (primary model → smaller model → cache/rule) with the official openai client, and prints one line per second: calls/s per feature and how they were served (primary, fallback, cache, rule, killed, error).',
    'Flip a feature’s kill switch in the dashboard and watch its calls turn to `killed` within a second.',
    'The key needs the ingest and switches:read scopes (create one under Settings or with `switchboard keys create`). URL and key may also come from SWITCHBOARD_URL and SWITCHBOARD_API_KEY.',
    'Without --provider-url a mock provider starts inside the demo. --chaos injects a 429 storm, a slow period, 5xx bursts and hangs in turn.',
  ],
  options: {
    url: { type: 'string', value: 'URL', description: 'The Switchboard app (default: SWITCHBOARD_URL).' },
    key: {
      type: 'string',
      value: 'KEY',
      description: 'An API key with ingest and switches:read (default: SWITCHBOARD_API_KEY).',
    },
    rps: { type: 'string', value: 'N', description: 'Calls per second, spread over the features (default 5).' },
    chaos: { type: 'boolean', description: 'Inject faults into the mock provider on a schedule.' },
    'provider-url': {
      type: 'string',
      value: 'URL',
      description: 'A running mock provider, e.g. http://127.0.0.1:4010/v1.',
    },
    environment: {
      type: 'string',
      value: 'ENV',
      description: 'The environment recorded on the calls (default production).',
    },
    duration: { type: 'string', value: 'S', description: 'Stop by itself after this many seconds.' },
  },
  schema: z.object({
    ...serverOptionsShape,
    rps: z.coerce
      .number({ message: 'Must be a number of calls per second.' })
      .positive('Must be more than 0.')
      .max(500, 'At most 500 calls/s.')
      .default(5),
    chaos: z.boolean().default(false),
    'provider-url': z.url('Must be a URL, e.g. http://127.0.0.1:4010/v1.').optional(),
    environment: z.string().min(1).default('production'),
    duration: z.coerce.number({ message: 'Must be a number of seconds.' }).positive('Must be more than 0.').optional(),
  }),
  async run(input) {
    const url = input.url ?? env.SWITCHBOARD_URL;
    const apiKey = input.key ?? env.SWITCHBOARD_API_KEY;
    if (!url)
      throw new UsageError(
        'Missing --url (or SWITCHBOARD_URL): where the Switchboard app runs, e.g. http://localhost:3000.',
      );
    if (!apiKey)
      throw new UsageError(
        'Missing --key (or SWITCHBOARD_API_KEY): an API key with the ingest and switches:read scopes.',
      );
    await checkKey(url, apiKey);
    const stop = new AbortController();
    const onSignal = () => {
      if (stop.signal.aborted) process.exit(130); // a second Ctrl-C does not wait for the flush
      console.log('Stopping: finishing the calls in flight and flushing the SDK…');
      stop.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const result = await runDemo({
        url: url.replace(/\/+$/, ''),
        apiKey,
        providerUrl: input['provider-url'],
        rps: input.rps,
        chaos: input.chaos,
        environment: input.environment,
        durationMs: input.duration === undefined ? undefined : input.duration * 1000,
        signal: stop.signal,
        print: (line) => console.log(line),
      });
      return result.calls > 0 && result.byRoute.error === result.calls ? 1 : 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
});

/** Fails fast with a clear message instead of a demo whose every export is refused. */
async function checkKey(url: string, apiKey: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(new URL('/api/v1/switches', url), {
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(5_000),
    });
  } catch (err) {
    throw new Error(`Cannot reach Switchboard at ${url} (${(err as Error).message}). Is it running (\`npm start\`)?`);
  }
  if (res.status === 401) throw new Error('The API key was refused: check --key (or SWITCHBOARD_API_KEY).');
  if (res.status === 403)
    throw new Error('The API key lacks the switches:read scope; the demo needs ingest and switches:read.');
  if (!res.ok) throw new Error(`Switchboard at ${url} answered ${res.status} to GET /api/v1/switches.`);
}
