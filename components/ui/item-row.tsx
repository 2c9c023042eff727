import type { ReactNode } from 'react';

/**
 * One row of a list of things an admin manages (API keys, users): the name with its state, the
 * details under it, and the controls beside them from `sm` up. An inactive item (a revoked key, a
 * disabled user) is dimmed.
 */
export function ItemRow({
  heading,
  dimmed,
  controls,
  children,
}: {
  heading: ReactNode;
  dimmed: boolean;
  controls: ReactNode;
  children: ReactNode;
}) {
  return (
    <li
      className={`flex flex-col gap-3 rounded-lg border border-border bg-panel p-4 sm:flex-row sm:items-center ${dimmed ? 'opacity-75' : ''}`}
    >
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">{heading}</div>
        {children}
      </div>
      {controls}
    </li>
  );
}
