'use client';

import { useState, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/actions';
import { AskDialog, AskDialogActions, AskDialogHeading } from './ask-dialog';
import { Button } from './button';
import { useAction } from './use-action';

/**
 * Asks before a destructive change. Stays open while the change is in flight and shows why it
 * failed; closes only once the server has confirmed it.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  onConfirm,
  unreachable,
}: {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** The change itself, a server action's call. */
  onConfirm: () => Promise<ActionResult<unknown>>;
  /** The error to show when the request got no answer: what is still true, and to try again. */
  unreachable: string;
}) {
  const [open, setOpen] = useState(false);
  const { run, pending, error, clearError } = useAction<void, unknown>(onConfirm, unreachable);

  async function confirm() {
    if ((await run()).ok) setOpen(false);
  }

  return (
    <AskDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        clearError();
      }}
      pending={pending}
      trigger={trigger}
    >
      <AskDialogHeading title={title} description={description} />
      <AskDialogActions pending={pending} error={error}>
        <Button variant="danger" onClick={confirm} disabled={pending}>
          {pending ? 'Working…' : confirmLabel}
        </Button>
      </AskDialogActions>
    </AskDialog>
  );
}
