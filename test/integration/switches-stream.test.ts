import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '@/db/client';
import { flipSwitch } from '@/lib/switches/flip-switch';
import { createFeature, SseReader } from '../support/switches';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

let readKey: string;
let writeKey: string;
const open: AbortController[] = [];

beforeAll(async () => {
  readKey = await createTestKey(['switches:read'], 'stream-reader');
  writeKey = await createTestKey(['switches:write'], 'stream-writer');
});

afterEach(() => {
  open.splice(0).forEach((c) => c.abort());
});

async function connect(headers: Record<string, string> = {}): Promise<{ res: Response; sse: SseReader }> {
  const controller = new AbortController();
  open.push(controller);
  const res = await fetch(`${baseUrl()}/api/v1/switches/stream`, {
    headers: { authorization: `Bearer ${readKey}`, ...headers },
    signal: controller.signal,
  });
  return { res, sse: new SseReader(res) };
}

const put = (feature: string, killed: boolean, reason: string) =>
  fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ killed, reason }),
  });

describe('GET /api/v1/switches/stream', () => {
  it('refuses a client without a key', async () => {
    const res = await fetch(`${baseUrl()}/api/v1/switches/stream`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('sends a snapshot on connect, then a flip made through PUT within a second', async () => {
    const feature = await createFeature('stream-put');
    const { res, sse } = await connect();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('no-cache');

    const snapshot = await sse.next();
    expect(snapshot.event).toBe('snapshot');
    expect(sse.retry).toBeGreaterThan(0);
    const doc = JSON.parse(snapshot.data);
    expect(snapshot.id).toBe(String(doc.version));
    expect(doc.switches).toContainEqual({ feature, killed: false, reason: null, updatedAt: null, updatedBy: null });

    const sentAt = performance.now();
    const flip = await put(feature, true, 'Provider outage');
    expect(flip.status).toBe(200);
    const event = await sse.nextFor(feature, 1_000);
    const latencyMs = event.at - sentAt;
    console.log(`switch event arrived ${latencyMs.toFixed(1)} ms after the PUT was sent`);
    expect(latencyMs).toBeLessThan(1_000);
    expect(event.event).toBe('switch');
    expect(event.json).toMatchObject({
      feature,
      killed: true,
      reason: 'Provider outage',
      updatedBy: 'key stream-writer',
    });
    expect(event.id).toBe(String(event.json.version));
    expect(event.json.version).toBeGreaterThan(doc.version);
  });

  it('delivers a flip committed by another process (as another app instance would) to every open stream', async () => {
    const feature = await createFeature('stream-other');
    const a = await connect();
    const b = await connect();
    await a.sse.next();
    await b.sse.next();
    const { db } = await testDatabase();
    await flipSwitch(db, { featureKey: feature, killed: true, reason: 'Cost spike' }, { id: 'cli', label: 'cli' });
    for (const { sse } of [a, b]) {
      expect((await sse.nextFor(feature, 1_000)).json).toMatchObject({
        killed: true,
        reason: 'Cost spike',
        updatedBy: 'cli',
      });
    }
  });

  it('sends simultaneous flips of different features in version order, so a version is a high-water mark', async () => {
    const keys = await Promise.all(Array.from({ length: 5 }, () => createFeature('stream-order')));
    const { sse } = await connect();
    await sse.next();
    await Promise.all(keys.map((k) => put(k, true, 'All at once')));
    const versions: number[] = [];
    while (versions.length < keys.length) {
      const event = await sse.next(2_000);
      if (keys.includes(JSON.parse(event.data).feature)) versions.push(Number(event.id));
    }
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('keeps delivering after the database drops the LISTEN connection, including a flip made while it was down', async () => {
    const feature = await createFeature('stream-drop');
    const { sse } = await connect();
    await sse.next();
    const { db } = await testDatabase();
    const listeners = resultRows<{ pid: number }>(
      await db.execute(
        sql`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
      ),
    );
    expect(listeners.length).toBeGreaterThan(0);
    for (const { pid } of listeners) await db.execute(sql`select pg_terminate_backend(${pid})`);
    // Straight away, before the app has listened again: only the catch-up read can deliver this one.
    await flipSwitch(db, { featureKey: feature, killed: true, reason: 'During the drop' }, { id: 'cli', label: 'cli' });
    expect((await sse.nextFor(feature, 5_000)).json).toMatchObject({ killed: true, reason: 'During the drop' });

    const sentAt = performance.now();
    expect((await put(feature, false, 'After the drop')).status).toBe(200);
    const event = await sse.nextFor(feature, 1_000);
    expect(event.json).toMatchObject({ killed: false, reason: 'After the drop' });
    expect(event.at - sentAt).toBeLessThan(1_000);
  });

  it('resumes after Last-Event-ID with the flips since instead of the snapshot, and sends a snapshot for a version it never reached', async () => {
    const [early, late] = [await createFeature('stream-resume-early'), await createFeature('stream-resume-late')];
    const versionOf = async (res: Response) => ((await res.json()) as { version: number }).version;
    const seen = await versionOf(await put(early, true, 'Before the client went away'));
    const missed = await versionOf(await put(late, true, 'While the client was away'));

    const resumed = (await connect({ 'last-event-id': String(seen) })).sse;
    const resume = await resumed.next();
    expect(resume).toMatchObject({ event: 'resume', id: String(missed) });
    expect(JSON.parse(resume.data)).toEqual({ version: missed });
    const flip = await resumed.next();
    expect(flip.event).toBe('switch');
    expect(JSON.parse(flip.data)).toMatchObject({
      feature: late,
      killed: true,
      reason: 'While the client was away',
      version: missed,
    });
    // Nothing older follows, and live flips do.
    await put(early, false, 'Back after the resume');
    expect((await resumed.nextFor(early)).json).toMatchObject({ killed: false, reason: 'Back after the resume' });

    for (const lastEventId of ['999999999999999', 'not-a-version']) {
      const { sse } = await connect({ 'last-event-id': lastEventId });
      expect((await sse.next()).event).toBe('snapshot');
    }
  });
});
