import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

/** Feature and state filters as a plain GET form: the URL carries them, and it works without script. */
export function AlertFilters({ features, feature, state }: { features: string[]; feature?: string; state?: string }) {
  return (
    <form
      method="get"
      action="/alerts"
      className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3 sm:flex-row sm:items-end"
    >
      <div className="flex flex-1 flex-col gap-1">
        <label htmlFor="alerts-feature" className="text-sm font-medium">
          Feature
        </label>
        <select id="alerts-feature" name="feature" defaultValue={feature ?? ''} className={inputClass}>
          <option value="">All features</option>
          {features.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-1 flex-col gap-1">
        <label htmlFor="alerts-state" className="text-sm font-medium">
          State
        </label>
        <select id="alerts-state" name="state" defaultValue={state ?? ''} className={inputClass}>
          <option value="">Firing and resolved</option>
          <option value="firing">Firing</option>
          <option value="resolved">Resolved</option>
        </select>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass('primary', 'flex-1 sm:flex-none')}>
          Show
        </button>
        {feature || state ? (
          <Link href="/alerts" className={buttonClass('secondary', 'flex-1 sm:flex-none')}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
