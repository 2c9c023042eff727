// The switch bus and the stream body, run in the test process against the test database, with a
// TCP proxy to cut the bus's connection the way a database restart or network blip would.
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { features, killSwitches } from '@/db/schema';
import type { SwitchEvent } from '@/lib/switches/document';
import { flipSwitch } from '@/lib/switches/flip-switch';
import { startSwitchBus, type SwitchBus } from '@/lib/switches/switch-bus';
import { MAX_QUEUED_BYTES, SwitchFeed, switchFeedStream } from '@/lib/switches/switch-stream';

const openSwitchStream = async (
  bus: SwitchBus,
  { signal, heartbeatMs }: { signal: AbortSignal; heartbeatMs?: number },
) => switchFeedStream(await SwitchFeed.open(bus, { heartbeatMs }), signal);
import { createFeature, SseReader } from '../support/switches';
import { testDatabase } from '../support/system';
import { startTcpProxy, viaProxy, type TcpProxy } from '../support/tcp-proxy';

const cli = { id: 'cli', label: 'cli' };
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** Collects a bus's events; `waitFor` resolves with the first one for `feature`. */
function collect(bus: SwitchBus) {
  const events: SwitchEvent[] = [];
  cleanups.push(bus.subscribe((e) => events.push(e)));
  return {
    events,
    async waitFor(feature: string, timeoutMs: number): Promise<SwitchEvent> {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const found = events.find((e) => e.feature === feature);
        if (found) return found;
        if (performance.now() > deadline) throw new Error(`No event for ${feature} within ${timeoutMs} ms.`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

async function busBehindProxy(reconcileMs: number): Promise<{ bus: SwitchBus; proxy: TcpProxy; database: Database }> {
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(inject('databaseUrl')).port || 5432) });
  const database = await openDatabase({ url: viaProxy(inject('databaseUrl'), proxy), max: 2 });
  const bus = await startSwitchBus(database, reconcileMs);
  cleanups.push(
    () => proxy.close(),
    () => database.close(),
    () => bus.close(),
  );
  return { bus, proxy, database };
}

describe('the switch bus', () => {
  it('listens again after its connection drops and catches up on the flip it missed', async () => {
    const feature = await createFeature('bus-drop');
    const { bus, proxy } = await busBehindProxy(3_600_000); // no periodic reads: only the re-LISTEN can catch up
    const seen = collect(bus);
    const { db } = await testDatabase();

    proxy.down();
    await flipSwitch(db, { featureKey: feature, killed: true, reason: 'While the bus was cut off' }, cli);
    await new Promise((r) => setTimeout(r, 500));
    expect(seen.events.filter((e) => e.feature === feature)).toEqual([]);

    proxy.up();
    const caughtUp = await seen.waitFor(feature, 15_000);
    expect(caughtUp).toMatchObject({ killed: true, reason: 'While the bus was cut off', updatedBy: 'cli' });

    // And live notifications flow again, each passed on once.
    await flipSwitch(db, { featureKey: feature, killed: false, reason: 'Back to live' }, cli);
    await expect.poll(() => seen.events.filter((e) => e.feature === feature).length, { timeout: 2_000 }).toBe(2);
    expect(seen.events.filter((e) => e.feature === feature)[1]).toMatchObject({
      killed: false,
      version: expect.any(Number),
    });
  });

  it('notices a change that came with no notification at its next periodic read', async () => {
    const feature = await createFeature('bus-silent');
    const { bus } = await busBehindProxy(300);
    const seen = collect(bus);
    const { db } = await testDatabase();
    // Written by hand, without NOTIFY: as if the notification had been lost on a half-open connection.
    const [{ id }] = await db.select({ id: features.id }).from(features).where(eq(features.key, feature));
    await db.insert(killSwitches).values({
      featureId: id,
      killed: true,
      reason: 'Silent',
      version: sql`nextval('switch_version_seq')`,
      updatedBy: 'hand',
    });
    expect(await seen.waitFor(feature, 2_000)).toMatchObject({ killed: true, reason: 'Silent', updatedBy: 'hand' });
  });
});

describe('the stream body', () => {
  it('sends held events newer than the snapshot, drops older ones, and unsubscribes when the client leaves', async () => {
    const feature = await createFeature('stream-held');
    const { db } = await testDatabase();
    const real = await startSwitchBus(await testDatabase(), 3_600_000);
    cleanups.push(() => real.close());
    let subscribed = 0;
    const event = (version: number, reason: string): SwitchEvent => ({
      version,
      feature,
      killed: true,
      reason,
      updatedAt: new Date().toISOString(),
      updatedBy: 'test',
    });
    // The real bus, plus two events that "arrive" between subscribing and reading the snapshot.
    const bus: SwitchBus = {
      ...real,
      subscribe(listener) {
        subscribed++;
        const off = real.subscribe(listener);
        listener(event(1, 'older than the snapshot'));
        listener(event(Number.MAX_SAFE_INTEGER, 'newer than the snapshot'));
        return () => {
          subscribed--;
          off();
        };
      },
    };
    await flipSwitch(db, { featureKey: feature, killed: true, reason: 'In the snapshot' }, cli);

    const abort = new AbortController();
    const stream = await openSwitchStream(bus, { signal: abort.signal, heartbeatMs: 100 });
    const sse = new SseReader(new Response(stream));
    const snapshot = JSON.parse((await sse.next()).data);
    expect(snapshot.switches.find((s: { feature: string }) => s.feature === feature).reason).toBe('In the snapshot');
    expect((await sse.nextFor(feature)).json.reason).toBe('newer than the snapshot');
    await expect.poll(() => sse.comments.some((c) => c.startsWith('heartbeat')), { timeout: 1_000 }).toBe(true);

    expect(subscribed).toBe(1);
    abort.abort();
    expect(subscribed).toBe(0);
    await expect(sse.next(1_000)).rejects.toThrow('The stream ended.');
  });

  it('drops a stream whose client stopped reading once 64 KiB wait for it, while a reading stream gets every event', async () => {
    const feature = await createFeature('stream-stalled');
    const bus = await startSwitchBus(await testDatabase(), 3_600_000);
    cleanups.push(() => bus.close());
    const listeners = new Set<(e: SwitchEvent) => void>();
    const counting: SwitchBus = {
      ...bus,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const abort = new AbortController();
    cleanups.push(() => abort.abort());
    const stalled = await openSwitchStream(counting, { signal: abort.signal });
    const reading = new SseReader(new Response(await openSwitchStream(counting, { signal: abort.signal })));
    await reading.next(); // its snapshot
    void stalled; // never read: what is sent to it waits in its queue
    expect(listeners.size).toBe(2);

    const reason = 'r'.repeat(1_000);
    const flips = Math.ceil(MAX_QUEUED_BYTES / reason.length) + 5;
    for (let version = 1; version <= flips; version++) {
      const event: SwitchEvent = {
        version: Number.MAX_SAFE_INTEGER - flips + version,
        feature,
        killed: version % 2 === 1,
        reason,
        updatedAt: new Date().toISOString(),
        updatedBy: 'test',
      };
      for (const listener of [...listeners]) listener(event);
      await (
        await reading.nextFor(feature)
      ).json;
    }
    // The stalled stream unsubscribed (its memory is bounded); the reading one got all the flips.
    expect(listeners.size).toBe(1);
  });

  it('shares one snapshot read between the streams that open in the same tick', async () => {
    const database = await testDatabase();
    let reads = 0;
    const control = new Proxy(database.db, {
      get(target, prop, receiver) {
        if (prop === 'select') reads++;
        return Reflect.get(target, prop, receiver);
      },
    });
    const bus = await startSwitchBus({ ...database, control }, 3_600_000);
    cleanups.push(() => bus.close());
    reads = 0;
    const snapshots = await Promise.all(Array.from({ length: 50 }, () => bus.snapshot()));
    expect(reads).toBe(1);
    expect(new Set(snapshots).size).toBe(1);
    await bus.snapshot();
    expect(reads).toBe(2);
  });
});
