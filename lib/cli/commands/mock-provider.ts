// `switchboard mock-provider`: runs the OpenAI-compatible mock in the foreground until Ctrl-C.
import { z } from 'zod';
import { FaultSpecSchema, FaultUpdateSchema, startMockProvider, type FaultSpec } from '@/lib/mock-provider';
import { defineCommand, describeIssues, UsageError } from '../command';

const number = (label: string) => z.coerce.number({ message: `Must be ${label}.` });
const rate = number('a share between 0 and 1').min(0, 'Must be between 0 and 1.').max(1, 'Must be between 0 and 1.');
const ms = number('milliseconds').int('Must be whole milliseconds.').min(0, 'Must be 0 or more.');

export const mockProvider = defineCommand({
  path: ['mock-provider'],
  summary: 'Runs an OpenAI-compatible mock LLM provider with injectable faults (for tests, the demo, local work).',
  usage:
    '[--port 4010] [--latency MS] [--rate-429 R] [--rate-5xx R] [--hang-rate R] [--break-after N] [--model-faults JSON]',
  help: [
    'Serves POST /v1/chat/completions (JSON and streams, with usage) and GET /v1/models. Any model name is answered.',
    'Faults change while it runs: POST /_faults {"global": {...}, "models": {"gpt-4o": {"rate429": 1}}}, GET /_faults, DELETE /_faults. Counters: GET /_stats.',
    'Fault fields: latencyMs, jitterMs, rate429, retryAfterSeconds, rate5xx, statuses5xx, hangRate, breakAfterChunks, ttftMs, chunkIntervalMs, invalidOutputRate.',
  ],
  options: {
    port: {
      type: 'string',
      short: 'p',
      value: 'P',
      description: 'The port to listen on (default 4010; 0 picks a free one).',
    },
    host: { type: 'string', value: 'H', description: 'The address to listen on (default 127.0.0.1).' },
    latency: { type: 'string', value: 'MS', description: 'Added latency for every answer, in ms.' },
    jitter: { type: 'string', value: 'MS', description: 'Up to this much more latency, at random.' },
    'rate-429': { type: 'string', value: 'R', description: 'Share of requests answered 429 with Retry-After (0–1).' },
    'retry-after': {
      type: 'string',
      value: 'S',
      description: 'The Retry-After of those 429s, in seconds (default 1).',
    },
    'rate-5xx': { type: 'string', value: 'R', description: 'Share of requests answered 500/502/503 (0–1).' },
    'hang-rate': { type: 'string', value: 'R', description: 'Share of requests never answered (0–1).' },
    'break-after': { type: 'string', value: 'N', description: 'Cut every stream after N chunks.' },
    ttft: { type: 'string', value: 'MS', description: 'Delay before a stream’s first token, in ms.' },
    'invalid-rate': { type: 'string', value: 'R', description: 'Share of answers with malformed JSON content (0–1).' },
    'model-faults': {
      type: 'string',
      value: 'JSON',
      description: 'Per-model faults, e.g. \'{"gpt-4o":{"rate429":0.5}}\'.',
    },
  },
  schema: z.object({
    port: number('a port number').int().min(0, 'Must be 0–65535.').max(65535, 'Must be 0–65535.').default(4010),
    host: z.string().min(1).default('127.0.0.1'),
    latency: ms.optional(),
    jitter: ms.optional(),
    'rate-429': rate.optional(),
    'retry-after': number('seconds').int().min(0).optional(),
    'rate-5xx': rate.optional(),
    'hang-rate': rate.optional(),
    'break-after': number('a number of chunks').int().min(0).optional(),
    ttft: ms.optional(),
    'invalid-rate': rate.optional(),
    'model-faults': z.string().optional(),
  }),
  async run(input) {
    const global: FaultSpec = FaultSpecSchema.parse({
      latencyMs: input.latency,
      jitterMs: input.jitter,
      rate429: input['rate-429'],
      retryAfterSeconds: input['retry-after'],
      rate5xx: input['rate-5xx'],
      hangRate: input['hang-rate'],
      breakAfterChunks: input['break-after'],
      ttftMs: input.ttft,
      invalidOutputRate: input['invalid-rate'],
    });
    const models = parseModelFaults(input['model-faults']);
    const mock = await startMockProvider({
      port: input.port,
      host: input.host,
      faults: { global: stripUndefined(global), models },
    }).catch((err) => {
      if (err?.code === 'EADDRINUSE')
        throw new Error(`Port ${input.port} is in use: pass another with --port (0 picks a free one).`);
      throw err;
    });
    console.log(
      [
        `Mock LLM provider listening at ${mock.baseUrl}`,
        '',
        'Point the openai client at it:',
        `  new OpenAI({ baseURL: '${mock.baseUrl}', apiKey: 'mock' })`,
        '',
        `Faults now: ${JSON.stringify(mock.faults())}`,
        `Change them live: curl -X POST ${mock.origin}/_faults -H 'content-type: application/json' -d '{"models":{"gpt-4o":{"rate429":1}}}'`,
        `Counters: curl ${mock.origin}/_stats    Stop: Ctrl-C`,
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await mock.close();
    console.log('Mock provider stopped.');
  },
});

function parseModelFaults(text: string | undefined) {
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--model-faults: Must be JSON, e.g. \'{"gpt-4o":{"rate429":0.5}}\'.');
  }
  const parsed = FaultUpdateSchema.shape.models.safeParse(value);
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error, (model) => `--model-faults ${model}`));
  return parsed.data ?? {};
}

const stripUndefined = <T extends object>(spec: T): T =>
  Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as T;
