import Link from 'next/link';
import { BellOff } from 'lucide-react';
import { buttonClass } from '@/components/ui/button';

/** What a new instance shows: where alerts come from and how to get them. */
export function NoAlerts() {
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-dashed border-border bg-panel p-5">
      <BellOff aria-hidden className="size-6 text-muted" />
      <h2 className="text-lg font-semibold">No alerts yet</h2>
      <p className="text-sm text-muted">
        Alerts fire when a feature burns its error budget too fast (an SLO&apos;s multiwindow burn-rate rules), when its
        spend crosses a daily or monthly budget threshold, or when its hourly cost spikes above its own baseline.
        Switchboard checks every minute, stores each alert from firing to resolved, and posts it to your webhooks.
      </p>
      <ol className="list-decimal pl-5 text-sm text-muted">
        <li>
          Define SLOs and a cost budget for a feature: open the feature and choose <strong>SLOs</strong> (
          <code>/features/&lt;key&gt;/slos</code>), or <code>npx switchboard slo apply slos.yaml</code>.
        </li>
        <li>Add a webhook (Slack or any JSON receiver) so that someone hears of it.</li>
      </ol>
      <Link href="/settings/webhooks" className={buttonClass('secondary', 'self-start')}>
        Set up webhooks
      </Link>
    </div>
  );
}
