import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { InFlightLimit, withIngestSlot } from '@/lib/ingest/in-flight';

describe('the ingestion in-flight limit', () => {
  it('admits up to max at once and frees a slot on release, once', () => {
    const limit = new InFlightLimit(2);
    const a = limit.tryEnter();
    const b = limit.tryEnter();
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(limit.tryEnter()).toBeNull();
    a!();
    a!(); // a second release must not free another request's slot
    expect(limit.inFlight).toBe(1);
    expect(limit.tryEnter()).not.toBeNull();
    expect(limit.tryEnter()).toBeNull();
  });

  it('sheds a request past the limit with 503 and Retry-After, and frees the slot when work fails', async () => {
    const limit = new InFlightLimit(1);
    let finish!: () => void;
    const first = withIngestSlot(() => new Promise<string>((resolve) => (finish = () => resolve('stored'))), limit);
    const shed = await withIngestSlot(async () => 'stored', limit).catch((err: unknown) => err);
    expect(shed).toBeInstanceOf(ApiError);
    expect(shed).toMatchObject({ status: 503, code: 'overloaded', headers: { 'Retry-After': '1' } });
    finish();
    await expect(first).resolves.toBe('stored');
    await expect(withIngestSlot(async () => { throw new Error('database gone'); }, limit)).rejects.toThrow('database gone');
    expect(limit.inFlight).toBe(0);
  });
});
