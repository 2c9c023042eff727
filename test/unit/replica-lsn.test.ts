// WAL positions as the replica monitor compares them (db/replica.ts).
import { expect, it } from 'vitest';
import { parseLsn } from '@/db/replica';

it('orders WAL positions by both halves, as Postgres does', () => {
  expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
  expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
  expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  expect(parseLsn('0/A') < parseLsn('0/10')).toBe(true);
});
