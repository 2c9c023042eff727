// An alert's numbers (its `details`) as a person reads them: labelled and in their units. Shared
// by the alerts page and the webhook message, so both say the same thing.
type Details = Record<string, number | string | null>;

/** One of an alert's numbers as text: 4 significant digits, "—" for none. */
export function formatAlertValue(value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(+value.toPrecision(4));
  return value;
}

const percent = (v: number) => `${+(v * 100).toFixed(2)}%`;
const dollars = (v: number) => `$${v.toFixed(2)}`;
const times = (v: number) => `${+v.toFixed(2)}×`;

interface Field {
  label: string;
  format?: (value: number) => string;
}

/** Budget alerts carry `budgetKind`; their threshold is a share of the budget, not a burn rate. */
function fieldOf(name: string, details: Details): Field {
  const budget = 'budgetKind' in details;
  switch (name) {
    case 'slo': return { label: 'SLO' };
    case 'rules': return { label: 'Rules firing' };
    case 'burnRate': return { label: 'Burn rate', format: times };
    case 'threshold': return budget ? { label: 'Threshold', format: percent } : { label: 'Burn-rate threshold', format: times };
    case 'objective': return { label: 'Objective', format: percent };
    case 'budgetRemaining': return { label: 'Error budget left', format: percent };
    case 'budgetKind': return { label: 'Budget' };
    case 'actualUsd': return { label: 'Spent', format: dollars };
    case 'expectedUsd': return { label: budget ? 'Threshold amount' : 'Expected', format: dollars };
    case 'limitUsd': return { label: 'Budget amount', format: dollars };
    case 'thresholdUsd': return { label: 'Alert above', format: dollars };
    case 'ratio': return { label: 'Share of budget spent', format: percent };
    case 'autoTrip': return { label: 'Auto-trip' };
    default: return { label: name };
  }
}

/** The alert's numbers, labelled and formatted, in the order they were recorded. */
export function alertFields(details: Details): { name: string; value: string }[] {
  return Object.entries(details).map(([name, value]) => {
    const field = fieldOf(name, details);
    return { name: field.label, value: typeof value === 'number' && field.format ? field.format(value) : formatAlertValue(value) };
  });
}
