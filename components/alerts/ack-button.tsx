'use client';

import { Hand } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/actions';

/** "I am on it": shows the acknowledgement only once the server has stored it. */
export function AckButton({
  id,
  acknowledge,
}: {
  id: number;
  acknowledge: (input: unknown) => Promise<ActionResult<{ acknowledgedBy: string | null }>>;
}) {
  const { run, pending, error } = useAction(
    acknowledge,
    'Could not reach Switchboard; the alert is not acknowledged. Try again.',
  );

  return (
    <div className="flex flex-col gap-1">
      <Button onClick={() => run({ id })} disabled={pending} className="w-full sm:w-auto">
        <Hand aria-hidden className="size-4" />
        {pending ? 'Acknowledging…' : 'Acknowledge'}
      </Button>
      <FormError error={error} />
    </div>
  );
}
