'use client';

import { useState } from 'react';
import { useFormAction } from '@/components/ui/use-form-action';
import { SaveAutoTripSchema, type AutoTrip } from '@/lib/validations/slo';
import { AUTO_TRIP_CHOICES, AUTO_TRIP_EXPLANATION } from './auto-trip-text';
import { ReasonField, SaveRow, savedMessage } from './save-row';
import { reasonOf, type SloAction } from './types';

export function AutoTripForm({
  featureKey,
  autoTrip,
  saveAutoTrip,
}: {
  featureKey: string;
  autoTrip: AutoTrip;
  saveAutoTrip: SloAction;
}) {
  const { submit, pending, error, fieldErrors } = useFormAction(SaveAutoTripSchema, saveAutoTrip);
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const form = new FormData(event.currentTarget);
    const autoTrip = { onPageAlert: form.has('onPageAlert'), onBudgetExhausted: form.has('onBudgetExhausted') };
    const done = await submit({ featureKey, autoTrip, reason: reasonOf(form) });
    if (done) setSaved(savedMessage('Auto-trip', done.changes));
  }

  return (
    <form
      onSubmit={onSubmit}
      aria-label="Auto-trip"
      className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-4 sm:p-5"
    >
      <p className="text-sm text-muted">{AUTO_TRIP_EXPLANATION}</p>
      {AUTO_TRIP_CHOICES.map((choice) => (
        <label
          key={choice.name}
          className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-border px-3 py-2 has-[:checked]:border-accent"
        >
          <input
            type="checkbox"
            name={choice.name}
            defaultChecked={autoTrip[choice.name]}
            className="mt-1 size-4 shrink-0 accent-[var(--color-accent)]"
          />
          <span>
            <span className="text-sm font-semibold">{choice.label}</span>
            <span className="block text-xs text-muted">{choice.description}</span>
          </span>
        </label>
      ))}
      <ReasonField id="auto-trip-reason" errors={fieldErrors.reason} />
      <SaveRow label="Save auto-trip" pending={pending} error={error} saved={saved} />
    </form>
  );
}
