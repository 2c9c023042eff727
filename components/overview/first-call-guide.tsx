'use client';

// The empty state: what Switchboard does and the exact request that makes a feature appear.
import Link from 'next/link';
import { CopyableSnippet } from '@/components/ui/copyable-snippet';

/** A fixed example id: a re-sent call with the same id is stored once, so pasting twice is harmless. */
const EXAMPLE_ID = '0b6f8a52-3c1e-4d7a-9f2b-5e8c1a4d7b90';

const KEY_COMMAND = 'npx switchboard keys create --name my-app --scopes ingest';

export function firstCallSnippet(origin: string, environment: string): string {
  const call: Record<string, unknown> = {
    id: EXAMPLE_ID,
    feature: 'support-agent',
    model: 'gpt-4o-mini',
    latencyMs: 820,
    inputTokens: 900,
    outputTokens: 150,
  };
  if (environment !== 'production') call.environment = environment;
  const body = JSON.stringify(call, null, 2).replace(/\n/g, '\n      ');
  return [
    `curl -X POST ${origin}/api/v1/calls \\`,
    `  -H "Authorization: Bearer <key>" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"calls": [${body}]}'`,
  ].join('\n');
}

export function FirstCallGuide({
  origin,
  environment,
  hasFeatures,
}: {
  origin: string;
  environment: string;
  hasFeatures: boolean;
}) {
  const snippet = firstCallSnippet(origin, environment);
  return (
    <section
      aria-labelledby="first-call-title"
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-panel p-4 sm:p-6"
    >
      <div>
        <h2 id="first-call-title" className="text-lg font-semibold">
          {hasFeatures ? `No calls in ${environment} in the last 24 hours` : 'Send your first call'}
        </h2>
        <p className="mt-1 max-w-prose text-sm text-muted">
          Switchboard watches the LLM features you run in production: every call logged and costed, error rate, latency
          and spend per feature, and a kill switch that stops a feature from calling its model within a second. A
          feature appears here as soon as it reports a call.
        </p>
      </div>
      <ol className="flex min-w-0 list-decimal flex-col gap-4 pl-5 text-sm">
        <li className="min-w-0">
          <CopyableSnippet
            text={KEY_COMMAND}
            wrap
            caption={
              <>
                Create an API key with the <code className="font-mono">ingest</code> scope: under{' '}
                <Link href="/settings/keys" className="font-semibold text-accent underline underline-offset-2">
                  Settings → API keys
                </Link>
                , or on the server with
              </>
            }
          />
        </li>
        <li className="min-w-0">
          <CopyableSnippet
            text={snippet}
            testId="first-call-snippet"
            caption={
              <>
                Send a call, with <code className="font-mono">&lt;key&gt;</code> replaced by your key:
              </>
            }
          />
          <p className="mt-1 text-muted">
            Only <code className="font-mono">id</code> (a UUID you generate), <code className="font-mono">feature</code>
            , <code className="font-mono">model</code> and <code className="font-mono">latencyMs</code> are required.
            This page refreshes by itself.
          </p>
        </li>
      </ol>
    </section>
  );
}
