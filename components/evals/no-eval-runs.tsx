import { FlaskConical } from 'lucide-react';

/** What to do when there is nothing to show: the exact command CI runs. */
export function NoEvalRuns({ feature }: { feature?: string }) {
  const file = `evals/${feature ?? '<feature>'}.yaml`;
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-dashed border-border bg-panel p-5">
      <FlaskConical aria-hidden className="size-6 text-muted" />
      <h2 className="text-lg font-semibold">{feature ? `No eval runs of ${feature} yet` : 'No eval runs yet'}</h2>
      <p className="text-sm text-muted">
        Runs appear here when CI uploads them: the pass rate over time, each case’s output and assertions, and a diff
        against the baseline. They also feed the feature’s accuracy SLO.
      </p>
      <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm text-muted">
        <li>
          Create an API key with the <code>evals:write</code> scope (Settings → API keys) and give it to CI as{' '}
          <code>SWITCHBOARD_API_KEY</code>, with <code>SWITCHBOARD_URL</code> set to this dashboard.
        </li>
        <li>
          Run the eval set and upload the result:
          <pre className="mt-1 whitespace-pre-wrap break-all rounded-md bg-bg p-2 font-mono text-xs text-text">
            npx switchboard eval {file} --upload
          </pre>
        </li>
        <li>Open the run and choose “Mark as baseline”: later runs are compared against it.</li>
      </ol>
    </div>
  );
}
