'use client';

import { useState } from 'react';
import { Field } from '@/components/ui/field';
import { useFormAction } from '@/components/ui/use-form-action';
import { SaveBudgetsSchema, type Budgets } from '@/lib/validations/slo';
import { ReasonField, SaveRow, savedMessage } from './save-row';
import { errorsUnder, numberOrUndefined, reasonOf, type SloAction } from './types';

/** "0.5, 0.8, 1" (commas or spaces) → [0.5, 0.8, 1]; junk becomes NaN for the schema to name. */
const parseThresholds = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

export function BudgetForm({
  featureKey,
  budgets,
  saveBudgets,
}: {
  featureKey: string;
  budgets: Budgets;
  saveBudgets: SloAction;
}) {
  const { submit, pending, error, fieldErrors } = useFormAction(SaveBudgetsSchema, saveBudgets);
  const [saved, setSaved] = useState<string | null>(null);
  const errors = (field: string) => errorsUnder(fieldErrors, `budgets.${field}`);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const form = new FormData(event.currentTarget);
    const input = {
      featureKey,
      budgets: {
        dailyUsd: numberOrUndefined(form.get('dailyUsd')) ?? null,
        monthlyUsd: numberOrUndefined(form.get('monthlyUsd')) ?? null,
        thresholds: parseThresholds(String(form.get('thresholds') ?? '')),
      },
      reason: reasonOf(form),
    };
    const done = await submit(input);
    if (done) setSaved(savedMessage('Budget', done.changes));
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Cost budget"
      className="flex flex-col gap-4 rounded-lg border border-border bg-panel p-4 sm:p-5"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Daily budget (USD)"
          name="dailyUsd"
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          defaultValue={budgets.dailyUsd ?? ''}
          placeholder="No daily budget"
          errors={errors('dailyUsd')}
          hint="Spend per UTC day. Empty: no daily budget."
        />
        <Field
          label="Monthly budget (USD)"
          name="monthlyUsd"
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          defaultValue={budgets.monthlyUsd ?? ''}
          placeholder="No monthly budget"
          errors={errors('monthlyUsd')}
          hint="Spend per calendar month. Empty: no monthly budget."
        />
      </div>
      <Field
        label="Alert thresholds"
        name="thresholds"
        defaultValue={budgets.thresholds.join(', ')}
        inputMode="decimal"
        errors={errors('thresholds')}
        hint="Fractions of the budget, e.g. 0.5, 0.8, 1 alerts at 50%, 80% and 100%."
      />
      <ReasonField id="budget-reason" errors={fieldErrors.reason} />
      <SaveRow label="Save budget" pending={pending} error={error} saved={saved} />
    </form>
  );
}
