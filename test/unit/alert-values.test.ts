import { describe, expect, it } from 'vitest';
import { alertFields } from '@/lib/alerts/values';
import { formatBudgetLeft, formatRoughPercent } from '@/lib/slo/describe';

describe('alert fields', () => {
  it('label an SLO alert’s numbers in their units, an overspent budget as on the SLO pages', () => {
    expect(
      alertFields({ slo: 'up', burnRate: 132.18, threshold: 6, objective: 0.995, budgetRemaining: -1.6997 }),
    ).toEqual([
      { name: 'SLO', value: 'up' },
      { name: 'Burn rate', value: '132×' },
      { name: 'Burn-rate threshold', value: '6×' },
      { name: 'Objective', value: '99.5%' },
      { name: 'Error budget left', value: '0% (overspent)' },
    ]);
  });

  it('name the window of the rule whose burn rate and threshold are shown, in a fixed order whatever jsonb kept', () => {
    const stored = {
      slo: 'primary-up',
      rules: 'page-1h,page-6h',
      objective: 0.995,
      burnRate: 111.39,
      threshold: 14.4,
      burnWindow: '1h',
      budgetRemaining: 0.1029,
    };
    expect(alertFields(stored)).toEqual([
      { name: 'SLO', value: 'primary-up' },
      { name: 'Rules firing', value: 'page-1h,page-6h' },
      { name: 'Burn rate over 1h', value: '111×' },
      { name: 'Burn-rate threshold over 1h', value: '14.4×' },
      { name: 'Objective', value: '99.5%' },
      { name: 'Error budget left', value: '10%' },
    ]);
  });

  it('read a budget alert’s threshold as a share of the budget, and keep unknown names as they are', () => {
    expect(
      alertFields({
        budgetKind: 'monthly',
        threshold: 0.5,
        actualUsd: 159.1,
        expectedUsd: 125,
        ratio: 0.6364,
        extra: null,
      }),
    ).toEqual([
      { name: 'Budget', value: 'monthly' },
      { name: 'Threshold', value: '50%' },
      { name: 'Spent', value: '$159.10' },
      { name: 'Threshold amount', value: '$125.00' },
      { name: 'Share of budget spent', value: '64%' },
      { name: 'extra', value: '—' },
    ]);
  });

  it('round shares as far as they mean something: whole percents from 10%, one decimal below', () => {
    expect([0, 0.0004, 0.0437, 0.1029, 0.9315, 0.996, 1].map(formatRoughPercent)).toEqual([
      '0%',
      '<0.1%',
      '4.4%',
      '10%',
      '93%',
      '>99%',
      '100%',
    ]);
    expect([-2.6297, 0, 0.37].map(formatBudgetLeft)).toEqual(['0% (overspent)', '0%', '37%']);
  });
});
