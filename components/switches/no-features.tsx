import Link from 'next/link';
import { Power } from 'lucide-react';
import { buttonClass } from '@/components/ui/button';

const SNIPPET = `curl -X POST "$SWITCHBOARD_URL/api/v1/calls" \\
  -H "Authorization: Bearer $SWITCHBOARD_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"calls":[{"id":"'$(uuidgen)'",
       "feature":"support-agent",
       "model":"gpt-4o","latencyMs":1200}]}'`;

/** What a new instance shows: where switches come from and how to get the first one. */
export function NoFeatures() {
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-dashed border-border bg-panel p-5">
      <Power aria-hidden className="size-6 text-muted" />
      <h2 className="text-lg font-semibold">No features yet</h2>
      <p className="text-sm text-muted">
        Every feature gets a kill switch when its first call arrives, from the SDK or from <code>POST /api/v1/calls</code>{' '}
        with an API key that has the <code>ingest</code> scope (admins create keys under Settings):
      </p>
      <pre className="overflow-x-auto rounded-md bg-bg p-3 text-xs">
        <code>{SNIPPET}</code>
      </pre>
      <p className="text-sm text-muted">The overview shows how to connect an application; the README has the whole API.</p>
      <Link href="/" className={buttonClass('secondary', 'self-start')}>
        Open the overview
      </Link>
    </div>
  );
}
