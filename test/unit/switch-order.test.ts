// The switches page's order (lib/switches/switch-order.ts): killed first, then the overview's status, errors, traffic.
import { describe, expect, it } from 'vitest';
import type { SwitchState } from '@/lib/switches/document';
import { bySeverity, switchStatus } from '@/lib/switches/switch-order';

const state = (feature: string, killed = false): SwitchState =>
  ({ feature, killed, reason: null, updatedAt: null, updatedBy: null }) as SwitchState;
const traffic = (calls: number, errorRate: number) => ({ calls, errorRate }) as never;

describe('switch order', () => {
  it('puts killed switches first, then the worst status, then the highest error rate, then the busiest', () => {
    const switches = [state('a'), state('b'), state('c', true), state('d'), state('e')];
    const statuses = { a: 'healthy', b: 'breached', d: 'healthy', e: 'healthy' } as const;
    const health = { a: traffic(10, 0), d: traffic(5, 0.2), e: traffic(50, 0) };
    expect(switches.sort(bySeverity(health, statuses)).map((s) => s.feature)).toEqual(['c', 'b', 'd', 'e', 'a']);
  });

  it('shows killed for a killed switch and no stale status once restored', () => {
    expect(switchStatus(state('a', true), { a: 'healthy' })).toBe('killed');
    expect(switchStatus(state('a'), { a: 'killed' })).toBeNull();
    expect(switchStatus(state('a'), { a: 'burning' })).toBe('burning');
    expect(switchStatus(state('x'), {})).toBeNull();
  });
});
