'use client';

// The environment lives in the URL (?environment=staging) so a link shows the same view.
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

export function EnvironmentPicker({ current, environments }: { current: string; environments: string[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted">Environment</span>
      <select
        value={current}
        disabled={pending}
        onChange={(e) => {
          const env = e.target.value;
          startTransition(() => router.push(env === 'production' ? '/' : `/?environment=${encodeURIComponent(env)}`));
        }}
        className="min-h-11 rounded-md border border-border bg-panel px-2 text-sm text-text"
      >
        {environments.map((env) => (
          <option key={env} value={env}>
            {env}
          </option>
        ))}
      </select>
    </label>
  );
}
