import { describe, expect, it } from 'vitest';
import { alertFields } from '@/lib/alerts/values';

describe('alert fields', () => {
  it('label an SLO alert’s numbers in their units', () => {
    expect(alertFields({ slo: 'up', burnRate: 132.18, threshold: 6, objective: 0.995, budgetRemaining: -1.6997 })).toEqual([
      { name: 'SLO', value: 'up' },
      { name: 'Burn rate', value: '132.18×' },
      { name: 'Burn-rate threshold', value: '6×' },
      { name: 'Objective', value: '99.5%' },
      { name: 'Error budget left', value: '-169.97%' },
    ]);
  });

  it('read a budget alert’s threshold as a share of the budget, and keep unknown names as they are', () => {
    expect(alertFields({ budgetKind: 'monthly', threshold: 0.5, actualUsd: 159.1, expectedUsd: 125, ratio: 0.6364, extra: null })).toEqual([
      { name: 'Budget', value: 'monthly' },
      { name: 'Threshold', value: '50%' },
      { name: 'Spent', value: '$159.10' },
      { name: 'Threshold amount', value: '$125.00' },
      { name: 'Share of budget spent', value: '63.64%' },
      { name: 'extra', value: '—' },
    ]);
  });
});
