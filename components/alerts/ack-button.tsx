'use client';

import { Hand } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions';

/** "I am on it": shows the acknowledgement only once the server has stored it. */
export function AckButton({ id, acknowledge }: { id: number; acknowledge: (input: unknown) => Promise<ActionResult<{ acknowledgedBy: string | null }>> }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setPending(true);
    setError(null);
    try {
      const result = await acknowledge({ id });
      if (!result.ok) setError(result.error);
    } catch {
      setError('Could not reach Switchboard; the alert is not acknowledged. Try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <Button onClick={run} disabled={pending} className="w-full sm:w-auto">
        <Hand aria-hidden className="size-4" />
        {pending ? 'Acknowledging…' : 'Acknowledge'}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      ) : null}
    </div>
  );
}
