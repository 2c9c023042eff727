import { describe, expect, it } from 'vitest';
import { formatRelative, formatUtc } from '@/lib/format/time';

describe('formatUtc', () => {
  it('writes the same UTC text wherever it runs', () => {
    expect(formatUtc('2025-06-03T02:14:05.123Z')).toBe('Jun 3, 02:14 UTC');
    expect(formatUtc(new Date('2025-12-31T23:59:59Z'), { seconds: true })).toBe('Dec 31, 23:59:59 UTC');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2025-06-03T03:00:00Z');
  it('uses the largest unit that fits', () => {
    expect(formatRelative('2025-06-03T02:59:30Z', now)).toBe('just now');
    expect(formatRelative('2025-06-03T02:54:00Z', now)).toBe('6 min ago');
    expect(formatRelative('2025-06-03T00:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2025-05-22T03:00:00Z', now)).toBe('12 d ago');
    expect(formatRelative('2025-06-03T03:10:00Z', now)).toBe('in 10 min');
  });

  it('reads a time a few seconds ahead (the server clock ahead of the browser) as "just now"', () => {
    expect(formatRelative('2025-06-03T03:00:00.400Z', now, { seconds: true })).toBe('just now');
    expect(formatRelative('2025-06-03T03:00:04Z', now, { seconds: true })).toBe('just now');
    expect(formatRelative('2025-06-03T03:00:04Z', now)).toBe('just now');
    expect(formatRelative('2025-06-03T03:00:00Z', now, { seconds: true })).toBe('just now');
    expect(formatRelative('2025-06-03T02:59:54Z', now, { seconds: true })).toBe('6 s ago');
    expect(formatRelative('2025-06-03T03:00:20Z', now, { seconds: true })).toBe('in 20 s');
  });
});
