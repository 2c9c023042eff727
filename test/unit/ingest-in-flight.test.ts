import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { InFlightLimit, withIngestSlot } from '@/lib/ingest/in-flight';

describe('the ingestion in-flight limit', () => {
  it('admits up to max at once, queues up to maxQueued in order, and releases each slot once', async () => {
    const limit = new InFlightLimit(1, 2, 1_000);
    const first = (await limit.enter())!;
    const order: string[] = [];
    const second = limit.enter().then((r) => (order.push('second'), r));
    const third = limit.enter().then((r) => (order.push('third'), r));
    expect(await limit.enter()).toBeNull(); // the queue is full
    expect(limit.queued).toBe(2);
    first();
    first(); // a second release must not free another request's slot
    const releaseSecond = (await second)!;
    expect(order).toEqual(['second']);
    expect(limit.inFlight).toBe(1);
    releaseSecond();
    (await third)!();
    expect(order).toEqual(['second', 'third']);
    expect(limit.inFlight).toBe(0);
  });

  it('sheds a request that waited maxWaitMs without a slot', async () => {
    const limit = new InFlightLimit(1, 5, 30);
    const held = (await limit.enter())!;
    const began = performance.now();
    expect(await limit.enter()).toBeNull();
    expect(performance.now() - began).toBeGreaterThanOrEqual(25);
    expect(limit.queued).toBe(0);
    held();
    expect(await limit.enter()).not.toBeNull();
  });

  it('answers 503 with Retry-After past the limit, and frees the slot when the work fails', async () => {
    const limit = new InFlightLimit(1, 0);
    let finish!: () => void;
    const first = withIngestSlot(() => new Promise<string>((resolve) => (finish = () => resolve('stored'))), limit);
    await Promise.resolve(); // let the first request take the slot
    const shed = await withIngestSlot(async () => 'stored', limit).catch((err: unknown) => err);
    expect(shed).toBeInstanceOf(ApiError);
    expect(shed).toMatchObject({ status: 503, code: 'overloaded', headers: { 'Retry-After': '1' } });
    finish();
    await expect(first).resolves.toBe('stored');
    await expect(
      withIngestSlot(async () => {
        throw new Error('database gone');
      }, limit),
    ).rejects.toThrow('database gone');
    expect(limit.inFlight).toBe(0);
  });
});
