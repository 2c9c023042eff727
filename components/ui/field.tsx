import type { InputHTMLAttributes, ReactNode } from 'react';

export const inputClass =
  'min-h-11 w-full rounded-md border border-border bg-panel px-3 text-base text-text placeholder:text-muted aria-[invalid=true]:border-bad';

/** A labelled input with its error text, wired for screen readers. */
export function Field({
  label,
  name,
  errors,
  hint,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; name: string; errors?: string[]; hint?: ReactNode }) {
  const id = props.id ?? `field-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        className={inputClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        {...props}
      />
      {hint && !errors?.length ? <p className="text-xs text-muted">{hint}</p> : null}
      {errors?.length ? (
        <p id={errorId} className="text-sm text-bad">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
