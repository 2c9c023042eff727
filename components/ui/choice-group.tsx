import type { ReactNode } from 'react';

export interface Choice {
  value: string;
  label: ReactNode;
  description: ReactNode;
}

/**
 * A labelled set of large checkbox or radio cards (touch targets ≥ 44 px) with its error text.
 * Uncontrolled: read the values from the form's FormData under `name`.
 */
export function ChoiceGroup({
  type,
  name,
  legend,
  hint,
  choices,
  defaultValue,
  errors,
  columns = 'sm:grid-cols-2',
}: {
  type: 'checkbox' | 'radio';
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  choices: Choice[];
  defaultValue?: string;
  errors?: string[];
  columns?: string;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset aria-describedby={errors ? errorId : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      {hint ? <p className="text-xs text-muted">{hint}</p> : null}
      <div className={`mt-2 grid gap-2 ${columns}`}>
        {choices.map((choice) => (
          <label
            key={choice.value}
            className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-border px-3 py-2 has-[:checked]:border-accent has-[:checked]:bg-bg"
          >
            <input
              type={type}
              name={name}
              value={choice.value}
              defaultChecked={choice.value === defaultValue}
              className="mt-1 size-4 shrink-0 accent-[var(--color-accent)]"
            />
            <span>
              <span className="text-sm font-semibold">{choice.label}</span>
              <span className="block text-xs text-muted">{choice.description}</span>
            </span>
          </label>
        ))}
      </div>
      {errors ? (
        <p id={errorId} className="mt-1 text-sm text-bad">
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
