import { describe, expect, it } from 'vitest';
import { likePattern } from '@/db/queries/calls-list';
import { csvField } from '@/lib/calls/export';
import { CallsQuerySchema, encodeCursor, searchParamsInput } from '@/lib/validations/calls-query';

describe('the calls query', () => {
  it('defaults to production and the 24 hours before "to"', () => {
    const q = CallsQuerySchema.parse({ to: '2026-01-02T00:00:00Z' });
    expect(q).toMatchObject({ environment: 'production', limit: 50, format: 'json' });
    expect(q.from.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads a time without a zone as UTC (what datetime-local inputs send)', () => {
    expect(
      CallsQuerySchema.parse({ from: '2026-01-01T10:00', to: '2026-01-01T13:00:00+02:00' }).from.toISOString(),
    ).toBe('2026-01-01T10:00:00.000Z');
  });

  it('treats empty form fields as unset, and refuses repeated parameters', () => {
    expect(CallsQuerySchema.parse(searchParamsInput(new URLSearchParams('feature=&q=&limit=')))).toMatchObject({
      limit: 50,
    });
    expect(CallsQuerySchema.safeParse(searchParamsInput(new URLSearchParams('model=a&model=b'))).success).toBe(false);
  });

  it('round-trips a cursor and refuses forged ones', () => {
    const cursor = { tsMicros: '1767225600123456', id: '0b6f3b7e-3c1a-4a39-9d2f-5f1f3a1e9c11' };
    expect(CallsQuerySchema.parse({ cursor: encodeCursor(cursor) }).cursor).toEqual(cursor);
    for (const bad of [
      'abc',
      Buffer.from("1.x' or 1=1").toString('base64url'),
      Buffer.from(`-1.${cursor.id}`).toString('base64url'),
    ]) {
      expect(CallsQuerySchema.safeParse({ cursor: bad }).success).toBe(false);
    }
  });
});

describe('likePattern', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(likePattern('50%_off\\now')).toBe('%50\\%\\_off\\\\now%');
  });
});

describe('csvField', () => {
  it('quotes commas, quotes and line breaks (RFC 4180) and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField([{ role: 'user' }])).toBe('"[{""role"":""user""}]"');
  });
});
