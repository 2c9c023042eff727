'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions';

/** Admins make a run the feature's baseline; the page shows it only once the server stored it. */
export function MarkBaselineButton({ id, feature, mark }: { id: number; feature: string; mark: (input: unknown) => Promise<ActionResult<{ previous: number[] }>> }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setPending(true);
    setError(null);
    try {
      const result = await mark({ id });
      if (!result.ok) setError(result.error);
      else router.refresh();
    } catch {
      setError('Could not reach Switchboard; the baseline did not change. Try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <Button variant="secondary" onClick={run} disabled={pending} className="w-full sm:w-auto">
        <span aria-hidden>◆</span>
        {pending ? 'Marking…' : 'Mark as baseline'}
      </Button>
      <p className="text-xs text-muted">CI compares later runs of {feature} against the baseline.</p>
      {error ? (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      ) : null}
    </div>
  );
}
