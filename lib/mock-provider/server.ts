// The mock provider's HTTP server: OpenAI's /v1/chat/completions and /v1/models, plus admin
// endpoints to change faults while it runs (/_faults) and read its counters (/_stats).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleChat } from './chat';
import { PromptCache } from './completion';
import { applyFaultUpdate, emptyFaults, FaultUpdateSchema, type FaultConfig, type FaultUpdate } from './faults';
import { HttpError, readJson, sendError, sendJson } from './http';
import { StatsCounter, type ProviderStats } from './stats';

/** Models listed by GET /v1/models; any other name is served too (and listed once used). */
const KNOWN_MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-20250514', 'claude-3-5-haiku-20241022'];

export interface MockProviderOptions {
  port?: number;
  host?: string;
  faults?: FaultUpdate;
  /** Source of randomness for fault rates; tests pin it. */
  random?: () => number;
}

export interface MockProvider {
  /** `http://127.0.0.1:4010/v1`: what the openai client takes as `baseURL`. */
  baseUrl: string;
  /** `http://127.0.0.1:4010`: where /_faults and /_stats live. */
  origin: string;
  faults(): FaultConfig;
  setFaults(update: FaultUpdate): FaultConfig;
  clearFaults(): void;
  stats(): ProviderStats;
  close(): Promise<void>;
}

export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  let faults = applyFaultUpdate(emptyFaults(), FaultUpdateSchema.parse(options.faults ?? {}));
  const stats = new StatsCounter();
  const ctx = { faults: () => faults, stats, promptCache: new PromptCache(), random: options.random ?? Math.random };

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://mock').pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const allow = (methods: string[]) => {
      if (!methods.includes(method)) {
        throw new HttpError(
          405,
          'invalid_request_error',
          'method_not_allowed',
          `${method} is not allowed here; use ${methods.join(' or ')}.`,
          null,
          { allow: methods.join(', ') },
        );
      }
    };
    if (path === '/v1/chat/completions') {
      allow(['POST']);
      return handleChat(req, res, ctx);
    }
    if (path === '/v1/models') {
      allow(['GET']);
      const names = [...new Set([...KNOWN_MODELS, ...Object.keys(stats.snapshot().models)])];
      return sendJson(res, 200, {
        object: 'list',
        data: names.map((id) => ({ id, object: 'model', created: 0, owned_by: 'switchboard-mock' })),
      });
    }
    if (path === '/_faults') {
      allow(['GET', 'POST', 'DELETE']);
      if (method === 'POST') {
        const parsed = FaultUpdateSchema.safeParse(await readJson(req));
        if (!parsed.success) {
          const message = parsed.error.issues
            .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
            .join('; ');
          throw new HttpError(400, 'invalid_request_error', 'invalid_fault_spec', `Invalid fault spec: ${message}`);
        }
        faults = applyFaultUpdate(faults, parsed.data);
      }
      if (method === 'DELETE') faults = emptyFaults();
      return sendJson(res, 200, faults);
    }
    if (path === '/_stats') {
      allow(['GET', 'DELETE']);
      if (method === 'DELETE') stats.reset();
      return sendJson(res, 200, stats.snapshot());
    }
    throw new HttpError(
      404,
      'invalid_request_error',
      'not_found',
      `No route for ${method} ${path || '/'}: the mock serves /v1/chat/completions, /v1/models, /_faults and /_stats.`,
    );
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return sendError(res, err);
      console.error('mock provider:', err);
      sendError(res, new HttpError(500, 'server_error', null, 'The mock provider failed unexpectedly.'));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => (server.off('error', reject), resolve()));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    faults: () => faults,
    setFaults: (update) => (faults = applyFaultUpdate(faults, FaultUpdateSchema.parse(update))),
    clearFaults: () => void (faults = emptyFaults()),
    stats: () => stats.snapshot(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // hung requests and open streams end with the server
      }),
  };
}
