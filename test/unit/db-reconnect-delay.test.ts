import { expect, it } from 'vitest';
import { reconnectDelaySeconds } from '@/db/client';

it('waits longer after each failed connection attempt, but never more than a second', () => {
  const upper = (failures: number) => Math.max(...Array.from({ length: 200 }, () => reconnectDelaySeconds(failures)));
  const lower = (failures: number) => Math.min(...Array.from({ length: 200 }, () => reconnectDelaySeconds(failures)));
  expect(upper(0)).toBeLessThanOrEqual(0.1);
  expect(lower(3)).toBeGreaterThan(upper(1));
  // postgres.js counts failures across the pool: a 3 s outage adds up to dozens.
  for (const failures of [4, 10, 50, 1000]) {
    expect(upper(failures)).toBeLessThanOrEqual(1);
    expect(lower(failures)).toBeGreaterThanOrEqual(0.4);
  }
});
