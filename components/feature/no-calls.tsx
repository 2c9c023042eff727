// What the page shows when the feature made no calls in the view: how to get some on screen.
import Link from 'next/link';
import { Inbox } from 'lucide-react';
import { buttonClass } from '@/components/ui/button';
import { featureViewHref } from '@/lib/stats/feature-view';
import type { StatsRange } from '@/lib/validations/feature-stats';

export function NoCalls({
  featureKey,
  environment,
  rangeLabel,
  environments,
}: {
  featureKey: string;
  environment: string;
  rangeLabel: string;
  environments: string[];
}) {
  const wider: StatsRange[] = ['7d', '30d'];
  const others = environments.filter((e) => e !== environment);
  return (
    <section role="status" className="flex flex-col gap-3 rounded-lg border border-dashed border-border bg-panel p-4">
      <Inbox aria-hidden className="size-6 text-muted" />
      <h2 className="text-lg font-semibold">
        No calls from {featureKey} in {environment}, {rangeLabel}
      </h2>
      <p className="text-sm text-muted">
        Widen the range, pick another environment, or send calls with{' '}
        <code>&quot;feature&quot;: &quot;{featureKey}&quot;</code> from the SDK or <code>POST /api/v1/calls</code>{' '}
        (docs/ingestion.md, “Sending calls”; the overview shows a copy-paste request when nothing has arrived yet).
      </p>
      <div className="flex flex-wrap gap-2">
        {wider.map((r) => (
          <Link
            key={r}
            href={featureViewHref(featureKey, { range: r, environment })}
            className={buttonClass('secondary')}
          >
            Last {r}
          </Link>
        ))}
        {others.map((e) => (
          <Link key={e} href={featureViewHref(featureKey, { environment: e })} className={buttonClass('secondary')}>
            {e}
          </Link>
        ))}
      </div>
    </section>
  );
}
