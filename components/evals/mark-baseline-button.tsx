'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/actions';

/** Admins make a run the feature's baseline; the page shows it only once the server stored it. */
export function MarkBaselineButton({
  id,
  feature,
  mark,
}: {
  id: number;
  feature: string;
  mark: (input: unknown) => Promise<ActionResult<{ previous: number[] }>>;
}) {
  const router = useRouter();
  const { run, pending, error } = useAction(
    mark,
    'Could not reach Switchboard; the baseline did not change. Try again.',
  );

  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="secondary"
        onClick={async () => (await run({ id })).ok && router.refresh()}
        disabled={pending}
        className="w-full sm:w-auto"
      >
        <span aria-hidden>◆</span>
        {pending ? 'Marking…' : 'Mark as baseline'}
      </Button>
      <p className="text-xs text-muted">CI compares later runs of {feature} against the baseline.</p>
      <FormError error={error} />
    </div>
  );
}
