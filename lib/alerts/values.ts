// An alert's numbers (its `details`) as a person reads them: labelled, in their units and in a
// fixed order (the details are stored as jsonb, which keeps no key order). Shared by the alerts
// page and the webhook message, so both say the same thing.
import { formatBudgetLeft, formatObjective, formatRoughPercent } from '@/lib/slo/describe';

type Details = Record<string, number | string | null>;

/** One of an alert's numbers as text: 4 significant digits, "—" for none. */
export function formatAlertValue(value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(+value.toPrecision(4));
  return value;
}

/** Three significant digits: 14.4×, 117×, 1.63× — what the sentence and the table both show. */
export const formatBurnRate = (x: number) => `${+x.toPrecision(3)}×`;

const dollars = (v: number) => `$${v.toFixed(2)}`;

interface Field {
  label: string;
  format?: (value: number) => string;
}

/** The order fields are shown in; unknown names follow in the order stored. */
const ORDER = [
  'budgetKind',
  'slo',
  'rules',
  'burnRate',
  'threshold',
  'objective',
  'budgetRemaining',
  'actualUsd',
  'expectedUsd',
  'thresholdUsd',
  'limitUsd',
  'ratio',
  'autoTrip',
];

/**
 * Budget alerts carry `budgetKind`; their threshold is a share of the budget, not a burn rate.
 * SLO alerts carry `burnWindow`, the long window of the rule whose burn rate and threshold they
 * record, shown in those labels rather than as a field of its own.
 */
function fieldOf(name: string, details: Details): Field | null {
  const budget = 'budgetKind' in details;
  const over = typeof details.burnWindow === 'string' ? ` over ${details.burnWindow}` : '';
  switch (name) {
    case 'slo':
      return { label: 'SLO' };
    case 'rules':
      return { label: 'Rules firing' };
    case 'burnWindow':
      return null;
    case 'burnRate':
      return { label: `Burn rate${over}`, format: formatBurnRate };
    case 'threshold':
      return budget
        ? { label: 'Threshold', format: formatObjective }
        : { label: `Burn-rate threshold${over}`, format: formatBurnRate };
    case 'objective':
      return { label: 'Objective', format: formatObjective };
    case 'budgetRemaining':
      return { label: 'Error budget left', format: formatBudgetLeft };
    case 'budgetKind':
      return { label: 'Budget' };
    case 'actualUsd':
      return { label: 'Spent', format: dollars };
    case 'expectedUsd':
      return { label: budget ? 'Threshold amount' : 'Expected', format: dollars };
    case 'limitUsd':
      return { label: 'Budget amount', format: dollars };
    case 'thresholdUsd':
      return { label: 'Alert above', format: dollars };
    case 'ratio':
      return { label: 'Share of budget spent', format: formatRoughPercent };
    case 'autoTrip':
      return { label: 'Auto-trip' };
    default:
      return { label: name };
  }
}

const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);

/** The alert's numbers, labelled and formatted, known ones in a fixed order. */
export function alertFields(details: Details): { name: string; value: string }[] {
  return Object.entries(details)
    .sort(([a], [b]) => rank(a) - rank(b))
    .flatMap(([name, value]) => {
      const field = fieldOf(name, details);
      if (!field) return [];
      return [
        {
          name: field.label,
          value: typeof value === 'number' && field.format ? field.format(value) : formatAlertValue(value),
        },
      ];
    });
}
