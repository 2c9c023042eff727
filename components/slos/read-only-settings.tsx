// What viewers and responders see instead of the budget and auto-trip forms.
import { formatUsd } from '@/lib/format/numbers';
import type { AutoTrip, Budgets } from '@/lib/validations/slo';
import { AUTO_TRIP_CHOICES, AUTO_TRIP_EXPLANATION } from './auto-trip-text';

const percent = (t: number) => `${+(t * 100).toFixed(2)}%`;

export function BudgetSummary({ budgets }: { budgets: Budgets }) {
  return (
    <dl className="tabular grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-border bg-panel p-4 text-sm">
      <dt className="text-muted">Daily</dt>
      <dd>{budgets.dailyUsd === null ? 'No daily budget' : formatUsd(budgets.dailyUsd)}</dd>
      <dt className="text-muted">Monthly</dt>
      <dd>{budgets.monthlyUsd === null ? 'No monthly budget' : formatUsd(budgets.monthlyUsd)}</dd>
      <dt className="text-muted">Alerts at</dt>
      <dd>{budgets.thresholds.map(percent).join(', ')} of the budget</dd>
    </dl>
  );
}

export function AutoTripSummary({ autoTrip }: { autoTrip: AutoTrip }) {
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-border bg-panel p-4 text-sm">
      <p className="text-muted">{AUTO_TRIP_EXPLANATION}</p>
      <ul className="flex flex-col gap-1">
        {AUTO_TRIP_CHOICES.map((choice) => (
          <li key={choice.name}>
            {choice.label}: <strong>{autoTrip[choice.name] ? 'on' : 'off'}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
