import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SwitchStore, type SwitchDocument } from '@/lib/sdk/switches/switch-store';
import { SwitchSync, type SwitchSyncOptions } from '@/lib/sdk/switches/switch-sync';
import { json, startLocalServer, until, type LocalServer, type SeenRequest } from '../../support/local-server';

const doc = (version: number, killed: Record<string, boolean>): SwitchDocument => ({
  version,
  switches: Object.entries(killed).map(([feature, k]) => ({
    feature,
    killed: k,
    reason: k ? 'incident' : null,
    updatedAt: null,
    updatedBy: null,
  })),
});

/** A dashboard double: the stream answers with `retry: 50` and a snapshot, then stays open. */
function dashboard(state: { doc: SwitchDocument; streamUp: boolean; streams: http.ServerResponse[] }) {
  return (req: SeenRequest, res: http.ServerResponse) => {
    if (req.headers.authorization !== 'Bearer sk_test') return json(res, 401, {});
    if (req.url === '/api/v1/switches/stream') {
      if (!state.streamUp) return json(res, 503, { error: { message: 'no bus' } }, { 'Retry-After': '5' });
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(`retry: 50\n\nevent: snapshot\nid: ${state.doc.version}\ndata: ${JSON.stringify(state.doc)}\n\n`);
      state.streams.push(res);
      return;
    }
    if (req.url === '/api/v1/switches') {
      const etag = `"v${state.doc.version}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
      return json(res, 200, state.doc, { ETag: etag });
    }
    json(res, 404, {});
  };
}

describe('switch sync', () => {
  let server: LocalServer | undefined;
  let sync: SwitchSync | undefined;
  let dir: string | undefined;
  const start = (store: SwitchStore, options: Partial<SwitchSyncOptions> = {}) => {
    sync = new SwitchSync(store, {
      baseUrl: server!.url,
      apiKey: 'sk_test',
      pollIntervalMs: 50,
      maxReconnectDelayMs: 200,
      logger: { warn: () => {} },
      ...options,
    });
    sync.start();
    return sync;
  };

  afterEach(async () => {
    await sync?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    sync = server = dir = undefined;
  });

  it('takes the snapshot and later flips from the stream, and is ready and fresh', async () => {
    const state = { doc: doc(3, { a: false, b: true }), streamUp: true, streams: [] as http.ServerResponse[] };
    server = await startLocalServer(dashboard(state));
    const store = new SwitchStore();
    const changes: string[] = [];
    store.onChange((c) => changes.push(...c.map((s) => `${s.feature}=${s.killed}`)));
    expect(await start(store).ready(2_000)).toBe(true);
    expect(store.stale).toBe(false);
    expect(store.isKilled('b')).toBe(true);
    // One event split across writes, one older event, and a heartbeat comment.
    const stream = state.streams[0];
    stream.write(
      'event: switch\nid: 4\ndata: {"feature":"a","killed":true,"reason":"x","updatedAt":"2026-01-01T00:00:00Z",',
    );
    stream.write(
      '"updatedBy":"ops","version":4}\n\n: heartbeat\n\nevent: switch\ndata: {"feature":"a","killed":false,"version":2}\n\n',
    );
    await until(() => store.isKilled('a'), 2_000, 'the flip');
    await new Promise((r) => setTimeout(r, 50));
    expect(store.isKilled('a')).toBe(true);
    expect(store.get('a')).toMatchObject({ reason: 'x', updatedBy: 'ops' });
    expect(changes).toEqual(['a=false', 'b=true', 'a=true']);
    expect(server.requests.filter((r) => r.url === '/api/v1/switches')).toHaveLength(0);
  });

  it('reconnects after the stream drops and catches up from the new snapshot', async () => {
    const state = { doc: doc(1, { a: false }), streamUp: true, streams: [] as http.ServerResponse[] };
    server = await startLocalServer(dashboard(state));
    const store = new SwitchStore();
    await start(store).ready(2_000);
    state.doc = doc(2, { a: true });
    state.streams[0].socket?.destroy();
    // The poll started at the drop or the new stream's snapshot, whichever is first.
    await until(() => store.isKilled('a'), 3_000, 'the catch-up');
    await until(() => state.streams.length === 2, 3_000, 'the reconnect');
  });

  it('resumes a dropped stream with Last-Event-ID and applies the flips the server sends since', async () => {
    const streams: http.ServerResponse[] = [];
    const lastEventIds: (string | undefined)[] = [];
    server = await startLocalServer((req, res) => {
      if (req.url === '/api/v1/switches') return json(res, 200, doc(3, { a: false }), { ETag: '"v3"' });
      lastEventIds.push(req.headers['last-event-id'] as string | undefined);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (streams.length === 0)
        res.write(`retry: 50\n\nevent: snapshot\nid: 3\ndata: ${JSON.stringify(doc(3, { a: false }))}\n\n`);
      else
        res.write(
          'event: resume\nid: 5\ndata: {"version":5}\n\nevent: switch\nid: 5\ndata: {"feature":"a","killed":true,"reason":"while away","updatedAt":"2026-01-01T00:00:00Z","updatedBy":"ops","version":5}\n\n',
        );
      streams.push(res);
    });
    const store = new SwitchStore();
    await start(store).ready(2_000);
    streams[0].socket?.destroy();
    await until(() => store.isKilled('a'), 3_000, 'the flip sent on resume');
    expect(lastEventIds).toEqual([undefined, '3']);
    expect(store.get('a')).toMatchObject({ reason: 'while away' });
    expect(store.stale).toBe(false);
  });

  it('polls with If-None-Match while the stream is down, and stops once it is back', async () => {
    const state = { doc: doc(1, { a: false }), streamUp: false, streams: [] as http.ServerResponse[] };
    server = await startLocalServer(dashboard(state));
    const store = new SwitchStore();
    expect(await start(store).ready(2_000)).toBe(true);
    const polls = () => server!.requests.filter((r) => r.url === '/api/v1/switches');
    await until(() => polls().length >= 3, 2_000, 'three polls');
    expect(polls()[0].headers['if-none-match']).toBeUndefined();
    expect(polls()[1].headers['if-none-match']).toBe('"v1"');
    expect(store.stale).toBe(false);
    state.doc = doc(2, { a: true });
    await until(() => store.isKilled('a'), 2_000, 'the poll to see the flip');
    state.streamUp = true;
    await until(() => state.streams.length === 1, 3_000, 'the stream to come back');
    // A poll already in flight when the stream came back may still land; after that, none (at a
    // 50 ms interval, a loop that kept polling would add about six in the next 300 ms).
    await new Promise((r) => setTimeout(r, 100));
    const count = polls().length;
    await new Promise((r) => setTimeout(r, 300));
    expect(polls().length).toBe(count);
  });

  it("with transport 'poll' never opens the stream and sees flips by polling", async () => {
    const state = { doc: doc(1, { a: false }), streamUp: true, streams: [] as http.ServerResponse[] };
    server = await startLocalServer(dashboard(state));
    const store = new SwitchStore();
    expect(await start(store, { transport: 'poll' }).ready(2_000)).toBe(true);
    state.doc = doc(2, { a: true });
    await until(() => store.isKilled('a'), 2_000, 'the poll to see the flip');
    const polls = server.requests.filter((r) => r.url === '/api/v1/switches');
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls[1].headers['if-none-match']).toBe('"v1"');
    expect(server.requests.filter((r) => r.url === '/api/v1/switches/stream')).toHaveLength(0);
    // close() ends the polling: no request after it.
    await sync!.close();
    const count = server.requests.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(server.requests.length).toBe(count);
  });

  it('keeps the last states and turns stale when the dashboard is unreachable, then fresh again', async () => {
    const state = { doc: doc(1, { a: true }), streamUp: true, streams: [] as http.ServerResponse[] };
    server = await startLocalServer(dashboard(state));
    const store = new SwitchStore();
    const staleSeen: boolean[] = [];
    store.onStaleChange((s) => staleSeen.push(s));
    await start(store).ready(2_000);
    await server.close();
    await until(() => store.stale, 2_000, 'stale');
    expect(store.isKilled('a')).toBe(true);
    expect(sync!.lastError).toBe('ECONNREFUSED');
    // The dashboard comes back (on another port: a new sync points at it).
    server = await startLocalServer(dashboard(state));
    await sync!.close();
    start(store);
    await until(() => !store.stale, 2_000, 'fresh');
    expect(staleSeen).toEqual([false, true, false]);
  });

  it('drops a silent stream after the heartbeat timeout', async () => {
    const state = { doc: doc(1, { a: false }), streamUp: true, streams: [] as http.ServerResponse[] };
    server = await startLocalServer(dashboard(state));
    await start(new SwitchStore(), { heartbeatTimeoutMs: 150 }).ready(2_000);
    await until(() => state.streams.length >= 2, 2_000, 'a new stream after the silence');
  });

  it('knows the saved states before it connects, and saves what it learns', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sync-'));
    const file = path.join(dir, 'switches.json');
    fs.writeFileSync(file, JSON.stringify(doc(4, { a: true })));
    server = await startLocalServer(() => {}); // never answers
    const store = new SwitchStore();
    const s = start(store, { persistPath: file, requestTimeoutMs: 100 });
    expect(store.isKilled('a')).toBe(true);
    expect(store.stale).toBe(true);
    expect(await s.ready(150)).toBe(false);
    await s.close();

    const state = { doc: doc(5, { a: false, b: true }), streamUp: true, streams: [] as http.ServerResponse[] };
    server.handle(dashboard(state));
    const fresh = new SwitchStore();
    await start(fresh, { persistPath: file }).ready(2_000);
    expect(fresh.isKilled('a')).toBe(false);
    await until(() => JSON.parse(fs.readFileSync(file, 'utf8')).version === 5, 2_000, 'the saved file');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).switches).toHaveLength(2);
  });

  it('reports a refused key', async () => {
    server = await startLocalServer((_req, res) => json(res, 403, {}));
    const warnings: string[] = [];
    const store = new SwitchStore();
    start(store, { apiKey: 'sk_test', logger: { warn: (m) => warnings.push(m) } });
    await until(() => warnings.length > 0, 2_000, 'the warning');
    expect(warnings[0]).toContain('switches:read');
    expect(sync!.lastError).toBe('HTTP 403');
  });
});
