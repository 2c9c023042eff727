import type { AlertView } from './types';

/** The numbers behind an alert, as a compact definition list. */
export function AlertValues({ values }: { values: AlertView['values'] }) {
  if (!values.length) return null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs sm:grid-cols-[auto_1fr_auto_1fr]">
      {values.map(({ name, value }) => (
        <div key={name} className="contents">
          <dt className="text-muted">{name}</dt>
          <dd className="font-mono break-all tabular">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
