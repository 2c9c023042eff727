'use client';

import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { Power } from 'lucide-react';
import { firstCallSnippet } from '@/components/overview/first-call-guide';
import { buttonClass } from '@/components/ui/button';
import { CopyableSnippet } from '@/components/ui/copyable-snippet';

const noSubscription = () => () => {};

/** The address this dashboard is open at, for the snippet; "" while rendering on the server. */
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
}

/** What a new instance shows: where switches come from and how to get the first one. */
export function NoFeatures() {
  const origin = useOrigin();
  return (
    <div className="flex min-w-0 flex-col gap-3 rounded-lg border border-dashed border-border bg-panel p-5">
      <Power aria-hidden className="size-6 text-muted" />
      <h2 className="text-lg font-semibold">No features yet</h2>
      <p className="text-sm text-muted">
        Every feature gets a kill switch when its first call arrives, from the SDK or from{' '}
        <code>POST /api/v1/calls</code> with an API key that has the <code>ingest</code> scope (admins create keys under
        Settings):
      </p>
      <CopyableSnippet
        text={firstCallSnippet(origin, 'production')}
        testId="no-features-snippet"
        caption={
          <span className="text-sm text-muted">
            Replace <code className="font-mono">&lt;key&gt;</code> with your key:
          </span>
        }
      />
      <p className="text-sm text-muted">
        The overview shows how to connect an application; docs/api.md lists the whole API.
      </p>
      <Link href="/" className={buttonClass('secondary', 'self-start')}>
        Open the overview
      </Link>
    </div>
  );
}
