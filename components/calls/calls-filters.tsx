'use client';

// The filter form: submitting puts the filters in the URL, so the page a link opens is the view.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { FormEvent, ReactNode } from 'react';
import { Search } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { ERROR_TYPES, OUTCOMES, ROUTES } from '@/lib/validations/call';
import { FILTER_FIELDS } from '@/lib/validations/calls-query';
import { callsHref, type FilterValues } from './types';

/** The filters behind "Time range and more filters": every one but those always in view. */
const MORE_FIELDS = FILTER_FIELDS.filter((f) => f !== 'feature' && f !== 'outcome' && f !== 'q');

function Labelled({ label, name, children }: { label: string; name: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={`filter-${name}`} className="text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

function Input({
  name,
  label,
  values,
  ...props
}: { name: string; label: string; values: FilterValues } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Labelled label={label} name={name}>
      <input id={`filter-${name}`} name={name} defaultValue={values[name] ?? ''} className={inputClass} {...props} />
    </Labelled>
  );
}

function Select({
  name,
  label,
  values,
  options,
  any,
}: {
  name: string;
  label: string;
  values: FilterValues;
  options: readonly string[];
  any: string;
}) {
  return (
    <Labelled label={label} name={name}>
      <select id={`filter-${name}`} name={name} defaultValue={values[name] ?? ''} className={inputClass}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** `<input type="datetime-local">` shows "2026-01-31T12:00"; the URL may hold any ISO time. */
const localValue = (iso: string | undefined) => (iso ? new Date(iso).toISOString().slice(0, 16) : '');

export function CallsFilters({ values, features }: { values: FilterValues; features: string[] }) {
  const router = useRouter();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next: FilterValues = {};
    for (const field of FILTER_FIELDS) {
      const value = String(data.get(field) ?? '').trim();
      if (value && !(field === 'environment' && value === 'production')) next[field] = value;
    }
    router.push(callsHref(next));
  };
  const dateValues = { ...values, from: localValue(values.from), to: localValue(values.to) };
  const moreActive = MORE_FIELDS.filter((f) => values[f]).length;
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Filters"
      className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3"
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 md:grid-cols-3">
        <Select name="feature" label="Feature" values={values} options={features} any="All features" />
        <Select name="outcome" label="Outcome" values={values} options={OUTCOMES} any="Any outcome" />
        <div className="sm:col-span-2 md:col-span-1">
          <Input
            name="q"
            label="Search text"
            values={values}
            type="search"
            placeholder="words in the prompt or completion"
          />
        </div>
      </div>
      <details open={moreActive > 0} className="group">
        <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-accent">
          Time range and more filters{moreActive ? ` (${moreActive} set)` : ''}
        </summary>
        {/* One column on a phone: a date field shows its time, a select its whole text. */}
        <div className="grid grid-cols-1 gap-3 pt-2 sm:grid-cols-2 md:grid-cols-3 lg:grid-cols-4">
          <Input name="environment" label="Environment" values={values} placeholder="production (default)" />
          <Input name="from" label="From (UTC)" type="datetime-local" values={dateValues} />
          <Input name="to" label="To (UTC)" type="datetime-local" values={dateValues} />
          <Select name="route" label="Route" values={values} options={ROUTES} any="Any route" />
          <Select name="errorType" label="Error type" values={values} options={ERROR_TYPES} any="Any error type" />
          <Input name="model" label="Model" values={values} placeholder="e.g. gpt-4o" />
          <Input name="userId" label="User id" values={values} />
          <Input name="sessionId" label="Session id" values={values} />
          <Input name="release" label="Release" values={values} placeholder="e.g. prompt-v12" />
          <Input name="minLatencyMs" label="Latency from (ms)" values={values} inputMode="numeric" />
          <Input name="maxLatencyMs" label="Latency to (ms)" values={values} inputMode="numeric" />
          <Input name="minCostUsd" label="Cost from ($)" values={values} inputMode="decimal" />
          <Input name="maxCostUsd" label="Cost to ($)" values={values} inputMode="decimal" />
        </div>
      </details>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">
          <Search aria-hidden className="size-4" />
          Apply filters
        </Button>
        <Link
          href="/calls"
          className="inline-flex min-h-11 items-center rounded-md px-3 text-sm font-semibold text-muted hover:text-text"
        >
          Clear
        </Link>
      </div>
    </form>
  );
}
