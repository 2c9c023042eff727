import type { EvalRunView } from './types';

/** Where a run came from: commit, branch, model, prompt version, environment (those it has). */
export function RunLabels({ run, className = '' }: { run: EvalRunView; className?: string }) {
  const labels: [string, string | null, boolean][] = [
    ['commit', run.gitCommit ? run.gitCommit.slice(0, 10) : null, true],
    ['branch', run.gitBranch, true],
    ['model', run.model, true],
    ['prompt', run.promptVersion, true],
    ['env', run.environment === 'production' ? null : run.environment, false],
  ];
  const shown = labels.filter(([, value]) => value);
  if (!shown.length) return null;
  return (
    <dl className={`flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted ${className}`}>
      {shown.map(([label, value, mono]) => (
        <div key={label} className="flex min-w-0 gap-1">
          <dt>{label}</dt>
          <dd
            className={`truncate text-text ${mono ? 'font-mono' : ''}`}
            title={label === 'commit' ? (run.gitCommit ?? undefined) : undefined}
          >
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
