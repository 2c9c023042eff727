import { describe, expect, it } from 'vitest';
import { retainedFrom } from '@/lib/calls/retention';

describe('retainedFrom', () => {
  it('is the start (UTC) of the day the retention period reaches back to', () => {
    expect(retainedFrom(new Date('2026-11-27T11:30:00Z'), 30)).toEqual(new Date('2026-10-28T00:00:00Z'));
    expect(retainedFrom(new Date('2026-11-27T00:00:00Z'), 1)).toEqual(new Date('2026-11-26T00:00:00Z'));
    expect(retainedFrom(new Date('2026-11-26T23:59:59.999Z'), 1)).toEqual(new Date('2026-11-25T00:00:00Z'));
  });
});
