'use client';

// The view's range and environment, kept in the URL: presets are links, a custom range is a
// small form in UTC. Every change is a new URL, so the back button and a shared link both work.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { featureViewHref } from '@/lib/stats/feature-view';
import type { StatsRange } from '@/lib/validations/feature-stats';

const PRESETS: StatsRange[] = ['1h', '24h', '7d', '30d'];

/** "2026-11-27T12:00" from an ISO time: what a datetime-local input shows, read as UTC. */
const toInput = (iso: string) => iso.slice(0, 16);

export function RangePicker(props: {
  featureKey: string;
  range: StatsRange | 'custom';
  from: string;
  to: string;
  environment: string;
  environments: string[];
}) {
  const { featureKey, range, environment } = props;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [custom, setCustom] = useState(range === 'custom');
  const go = (href: string) => startTransition(() => router.push(href));

  function applyCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    go(featureViewHref(featureKey, { from: String(form.get('from')), to: String(form.get('to')), environment }));
  }

  const preset = (r: StatsRange) => featureViewHref(featureKey, { range: r, environment });
  return (
    <div className="flex flex-col gap-2" aria-busy={pending}>
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Time range" className="flex overflow-hidden rounded-md border border-border bg-panel">
          {PRESETS.map((r) => (
            <Link
              key={r}
              href={preset(r)}
              aria-current={range === r ? 'page' : undefined}
              className="flex min-h-11 min-w-12 items-center justify-center border-r border-border px-3 text-sm font-medium last:border-r-0 hover:bg-bg aria-[current=page]:bg-accent aria-[current=page]:text-accent-text"
            >
              {r}
            </Link>
          ))}
          <button
            type="button"
            aria-expanded={custom}
            aria-pressed={range === 'custom'}
            onClick={() => setCustom(!custom)}
            className="flex min-h-11 items-center px-3 text-sm font-medium hover:bg-bg aria-pressed:bg-accent aria-pressed:text-accent-text"
          >
            Custom
          </button>
        </nav>
        <label className="flex items-center gap-2 text-sm">
          <span className="text-muted">Environment</span>
          <select
            value={environment}
            disabled={pending}
            onChange={(e) =>
              go(
                featureViewHref(featureKey, {
                  range: range === 'custom' ? undefined : range,
                  from: range === 'custom' ? props.from : undefined,
                  to: range === 'custom' ? props.to : undefined,
                  environment: e.target.value,
                }),
              )
            }
            className="min-h-11 rounded-md border border-border bg-panel px-2 text-sm text-text"
          >
            {props.environments.map((env) => (
              <option key={env} value={env}>
                {env}
              </option>
            ))}
          </select>
        </label>
      </div>
      {custom ? (
        <form
          onSubmit={applyCustom}
          className="flex flex-wrap items-end gap-2 rounded-md border border-border bg-panel p-3"
        >
          <label className="flex flex-col gap-1 text-sm">
            From (UTC)
            <input
              type="datetime-local"
              name="from"
              required
              defaultValue={toInput(props.from)}
              className={inputClass}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            To (UTC)
            <input type="datetime-local" name="to" required defaultValue={toInput(props.to)} className={inputClass} />
          </label>
          <Button type="submit" disabled={pending}>
            Show
          </Button>
        </form>
      ) : null}
    </div>
  );
}
