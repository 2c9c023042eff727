import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { TelemetryExporter, type ExporterOptions } from '@/lib/sdk/telemetry/exporter';
import { CallQueue } from '@/lib/sdk/telemetry/call-queue';
import type { CallRecord } from '@/lib/sdk/types';
import { json, startLocalServer, until, type LocalServer } from '../../support/local-server';

let counter = 0;
function call(extra: Partial<CallRecord> = {}): CallRecord {
  return {
    id: `00000000-0000-4000-8000-${String(counter++).padStart(12, '0')}`,
    feature: 'support-agent',
    timestamp: new Date().toISOString(),
    model: 'gpt-4o',
    outcome: 'ok',
    route: 'primary',
    fallbackDepth: 0,
    latencyMs: 120,
    ...extra,
  };
}

const sentIds = (server: LocalServer) =>
  server.requests.flatMap((r) => (JSON.parse(r.body).calls as CallRecord[]).map((c) => c.id));

describe('the telemetry exporter', () => {
  let server: LocalServer;
  let exporter: TelemetryExporter;
  const warnings: string[] = [];
  const make = (options: Partial<ExporterOptions> = {}) =>
    (exporter = new TelemetryExporter({
      baseUrl: server.url,
      apiKey: 'sk_test',
      intervalMs: 50,
      backoff: { initialDelayMs: 20, maxDelayMs: 100 },
      flushOnExit: false,
      logger: { warn: (m) => warnings.push(m) },
      ...options,
    }));

  afterEach(async () => {
    await exporter?.close();
    await server?.close();
    warnings.length = 0;
  });

  it('ships queued calls in the background with the key, redacted, in batches of at most 500', async () => {
    server = await startLocalServer((_req, res) => json(res, 200, { accepted: 1, duplicates: 0, rejected: [] }));
    make({ intervalMs: 60_000 });
    const calls = Array.from({ length: 1_201 }, (_, i) =>
      call({ prompt: i === 0 ? 'mail me at jane@example.com' : 'hi', metadata: { card: '4111 1111 1111 1111' } }),
    );
    for (const c of calls) exporter.record(c);
    // A full batch goes at once, without waiting for the (here one-minute) timer.
    await until(() => server.requests.length >= 2, 2_000, 'two full batches');
    await exporter.flush();
    const sizes = server.requests.map((r) => JSON.parse(r.body).calls.length);
    expect(sizes).toEqual([500, 500, 201]);
    expect(server.requests[0].headers.authorization).toBe('Bearer sk_test');
    expect(server.requests[0].url).toBe('/api/v1/calls');
    const first = JSON.parse(server.requests[0].body).calls[0];
    expect(first.prompt).toBe('mail me at [EMAIL]');
    expect(first.metadata).toEqual({ card: '[CARD]' });
    // The caller's object is not touched: redaction happens on a copy, at batch time.
    expect(calls[0].prompt).toBe('mail me at jane@example.com');
    expect(sentIds(server)).toEqual(calls.map((c) => c.id));
    expect(exporter.stats()).toMatchObject({ queued: 0, sent: 1_201, dropped: 0, failedAttempts: 0 });
  });

  it('sends on the timer when fewer than a batch are queued', async () => {
    server = await startLocalServer((_req, res) => json(res, 200, { rejected: [] }));
    make({ intervalMs: 100 });
    exporter.record(call());
    expect(server.requests).toHaveLength(0);
    await until(() => exporter.stats().sent === 1, 2_000, 'the timer');
  });

  it('keeps at most maxQueue calls, dropping the oldest and counting them', async () => {
    server = await startLocalServer((_req, res) => json(res, 200, { rejected: [] }));
    make({ maxQueue: 3, intervalMs: 60_000 });
    const calls = Array.from({ length: 5 }, () => call());
    for (const c of calls) exporter.record(c);
    expect(exporter.stats()).toMatchObject({ queued: 3, dropped: 2 });
    await exporter.flush();
    expect(sentIds(server)).toEqual(calls.slice(2).map((c) => c.id));
    expect(exporter.stats()).toMatchObject({ queued: 0, sent: 3, dropped: 2 });
  });

  it('retries 5xx and network errors with backoff, re-sending the same batch until it is stored', async () => {
    let answers = 0;
    server = await startLocalServer((_req, res) => {
      answers++;
      if (answers === 1) return void res.socket?.destroy();
      if (answers <= 3) return json(res, 503, { error: { code: 'unavailable', message: 'db down' } });
      json(res, 200, { rejected: [] });
    });
    make();
    const calls = [call(), call()];
    calls.forEach((c) => exporter.record(c));
    await until(() => exporter.stats().sent === 2, 3_000, 'the retries');
    expect(server.requests).toHaveLength(4);
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);
    expect(exporter.stats()).toMatchObject({ queued: 0, sent: 2, dropped: 0, failedAttempts: 3 });
    const gaps = server.requests.slice(1).map((r, i) => r.at - server.requests[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(9);
  });

  it('honours Retry-After on 429', async () => {
    let answers = 0;
    server = await startLocalServer((_req, res) =>
      answers++ === 0
        ? json(res, 429, { error: { message: 'slow down' } }, { 'Retry-After': '1' })
        : json(res, 200, { rejected: [] }),
    );
    make();
    exporter.record(call());
    await until(() => exporter.stats().sent === 1, 4_000, 'the retry after 1 s');
    const gap = server.requests[1].at - server.requests[0].at;
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(gap).toBeLessThan(1_600);
    expect(exporter.stats().lastError).toBe('HTTP 429');
  });

  it('drops the items the server rejects (207 and 400), keeps the rest, and logs the reason once', async () => {
    server = await startLocalServer((req, res) => {
      const calls = JSON.parse(req.body).calls as CallRecord[];
      const rejected = calls.flatMap((c, index) =>
        c.latencyMs < 0 ? [{ index, id: c.id, errors: ['latencyMs: must be at least 0'] }] : [],
      );
      if (rejected.length === calls.length)
        return json(res, 400, {
          error: { code: 'invalid_calls', message: 'all invalid' },
          accepted: 0,
          duplicates: 0,
          rejected,
        });
      json(res, rejected.length ? 207 : 200, { accepted: calls.length - rejected.length, duplicates: 0, rejected });
    });
    make({ intervalMs: 60_000 });
    exporter.record(call());
    exporter.record(call({ latencyMs: -1 }));
    await exporter.flush();
    exporter.record(call({ latencyMs: -5 }));
    await exporter.flush();
    expect(exporter.stats()).toMatchObject({ queued: 0, sent: 1, dropped: 2, failedAttempts: 0 });
    expect(server.requests).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('latencyMs: must be at least 0');
  });

  it('drops a batch refused as a whole (a revoked key) without retrying, never logging bodies', async () => {
    server = await startLocalServer((_req, res) =>
      json(res, 401, { error: { code: 'unauthorized', message: 'The API key is not valid.' } }),
    );
    make({ intervalMs: 60_000 });
    exporter.record(call({ prompt: 'secret prompt text' }));
    await exporter.flush();
    expect(exporter.stats()).toMatchObject({
      queued: 0,
      sent: 0,
      dropped: 1,
      failedAttempts: 0,
      lastError: 'HTTP 401',
    });
    expect(server.requests).toHaveLength(1);
    expect(warnings.join()).toContain('The API key is not valid.');
    expect(warnings.join()).not.toContain('secret prompt');
  });

  it('splits a batch the server finds too large (413)', async () => {
    server = await startLocalServer((req, res) => {
      const n = JSON.parse(req.body).calls.length;
      if (n > 2) return json(res, 413, { error: { message: 'too large' } });
      json(res, 200, { rejected: [] });
    });
    make({ intervalMs: 60_000 });
    const calls = Array.from({ length: 7 }, () => call());
    calls.forEach((c) => exporter.record(c));
    await exporter.flush();
    expect(exporter.stats()).toMatchObject({ sent: 7, dropped: 0 });
    expect(new Set(sentIds(server).slice(0))).toEqual(new Set(calls.map((c) => c.id)));
  });

  it('flush() tries at once despite a backoff and resolves when the dashboard is down, keeping the calls', async () => {
    server = await startLocalServer((_req, res) => json(res, 503, {}, { 'Retry-After': '30' }));
    make({ intervalMs: 60_000 });
    exporter.record(call());
    await exporter.flush();
    await exporter.flush();
    expect(server.requests).toHaveLength(2);
    expect(exporter.stats()).toMatchObject({ queued: 1, sent: 0, dropped: 0, failedAttempts: 2 });
    server.handle((_req, res) => json(res, 200, { rejected: [] }));
    await exporter.close();
    expect(exporter.stats()).toMatchObject({ queued: 0, sent: 1 });
    exporter.record(call());
    expect(exporter.stats().dropped).toBe(1);
  });

  it('does not keep the process alive and never blocks record()', async () => {
    server = await startLocalServer((_req, res) => json(res, 200, { rejected: [] }));
    make({ intervalMs: 60_000 });
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) exporter.record(call());
    const perCallUs = ((performance.now() - t0) * 1000) / 10_000;
    expect(perCallUs).toBeLessThan(50);
    // The interval timer is unref'd: its handle does not hold the event loop.
    const timer = (exporter as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
  });
});

describe('an application that ends without calling close()', () => {
  it('exits on its own and flushes the queued calls on the way out (beforeExit)', async () => {
    const server = await startLocalServer((_req, res) => json(res, 200, { rejected: [] }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-exit-'));
    try {
      const script = path.join(dir, 'app.mts');
      const exporterPath = path.resolve(import.meta.dirname, '../../../lib/sdk/telemetry/exporter.ts');
      fs.writeFileSync(
        script,
        `import { TelemetryExporter } from ${JSON.stringify(exporterPath)};
         const exporter = new TelemetryExporter({ baseUrl: process.argv[2], apiKey: 'k', intervalMs: 60_000 });
         for (let i = 0; i < 3; i++) exporter.record({ id: 'id-' + i, feature: 'f', timestamp: new Date().toISOString(), model: 'm', outcome: 'ok', route: 'primary', fallbackDepth: 0, latencyMs: 1 });`,
      );
      const started = Date.now();
      await promisify(execFile)(process.execPath, ['--import', 'tsx', script, server.url], { timeout: 20_000 });
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(server.requests.flatMap((r) => JSON.parse(r.body).calls.map((c: CallRecord) => c.id))).toEqual([
        'id-0',
        'id-1',
        'id-2',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  }, 30_000);
});

describe('the call queue', () => {
  it('is first in, first out and bounded', () => {
    const q = new CallQueue(2);
    const [a, b, c] = [call(), call(), call()];
    q.push(a);
    q.push(b);
    q.push(c);
    expect(q.dropped).toBe(1);
    expect(q.take(5)).toEqual([b, c]);
    expect(q.length).toBe(0);
    expect(() => new CallQueue(0)).toThrow(RangeError);
  });
});
