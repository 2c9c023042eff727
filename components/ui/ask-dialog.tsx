'use client';

// The shell of every dialog that asks before a change (radix AlertDialog): modal, a title and a
// description that screen readers announce, the server's refusal, and Cancel beside the action.
// It cannot be closed while the change is in flight.
import { AlertDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { Button } from './button';
import { FormError } from './form-error';

const PLACEMENTS = {
  /** In the middle of every screen. */
  center: 'top-1/2 left-1/2 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg p-5',
  /** A sheet from the bottom on phones, within the thumb's reach; in the middle from `sm` up. */
  sheet:
    'inset-x-0 bottom-0 max-h-[90vh] overflow-y-auto rounded-t-xl p-4 sm:inset-auto sm:top-1/2 sm:left-1/2 sm:w-[28rem] sm:-translate-x-1/2 sm:-translate-y-1/2 sm:rounded-xl sm:p-6',
};

export function AskDialog({
  open,
  onOpenChange,
  pending,
  trigger,
  placement = 'center',
  children,
}: {
  open: boolean;
  /** Not called while `pending`: the dialog stays until the server has answered. */
  onOpenChange(open: boolean): void;
  pending: boolean;
  /** The button that opens it, when the dialog is not opened by its caller's state. */
  trigger?: ReactNode;
  placement?: keyof typeof PLACEMENTS;
  children: ReactNode;
}) {
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => pending || onOpenChange(next)}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <AlertDialog.Content
          className={`fixed z-50 flex flex-col gap-4 border border-border bg-panel shadow-xl ${PLACEMENTS[placement]}`}
        >
          {children}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** What the dialog asks, and what follows from it: its accessible name and description. */
export function AskDialogHeading({ title, description }: { title: ReactNode; description: ReactNode }) {
  return (
    <div>
      <AlertDialog.Title className="text-lg font-semibold wrap-anywhere">{title}</AlertDialog.Title>
      <AlertDialog.Description className="mt-2 text-sm text-muted">{description}</AlertDialog.Description>
    </div>
  );
}

/** The server's refusal, if any, then Cancel and the caller's action button (`children`). */
export function AskDialogActions({
  pending,
  error,
  children,
}: {
  pending: boolean;
  error: string | null;
  children: ReactNode;
}) {
  return (
    <>
      <FormError error={error} boxed />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <AlertDialog.Cancel asChild>
          <Button variant="secondary" disabled={pending}>
            Cancel
          </Button>
        </AlertDialog.Cancel>
        {children}
      </div>
    </>
  );
}
