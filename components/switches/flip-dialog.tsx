'use client';

import { useState, type FormEvent } from 'react';
import { AskDialog, AskDialogActions, AskDialogHeading } from '@/components/ui/ask-dialog';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { zodFieldErrors, type FieldErrors } from '@/lib/api/errors';
import { FlipSwitchSchema, REASON_MAX } from '@/lib/validations/switch';

const QUICK_REASONS = {
  kill: ['Provider outage', 'Cost spike', 'Bad outputs', 'Latency spike'],
  restore: ['Provider recovered', 'Fix deployed', 'False alarm'],
};

interface Props {
  feature: string;
  /** The state the flip asks for. */
  killed: boolean;
  open: boolean;
  pending: boolean;
  /** What the server refused, if it did. */
  error: string | null;
  serverFieldErrors?: FieldErrors;
  onOpenChange(open: boolean): void;
  onConfirm(reason: string): void;
}

/** Asks why, then confirms: the second tap of a flip. Stays open until the server has answered. */
export function FlipDialog(props: Props) {
  return (
    <AskDialog open={props.open} onOpenChange={props.onOpenChange} pending={props.pending} placement="sheet">
      {/* Mounted only while open, so every opening starts with an empty reason. */}
      <FlipForm {...props} />
    </AskDialog>
  );
}

function FlipForm({ feature, killed, pending, error, serverFieldErrors, onConfirm }: Props) {
  const [reason, setReason] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const errors = fieldErrors.reason ?? serverFieldErrors?.reason;
  const verb = killed ? 'Kill' : 'Restore';

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = FlipSwitchSchema.safeParse({ killed, reason });
    if (!parsed.success) return setFieldErrors(zodFieldErrors(parsed.error));
    setFieldErrors({});
    onConfirm(parsed.data.reason);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <AskDialogHeading
        title={`${verb} ${feature}?`}
        description={
          <>
            {killed
              ? 'Apps using the SDK stop calling the model for this feature within a second and serve its fallback.'
              : 'Apps using the SDK call the model for this feature again within a second.'}{' '}
            The flip and its reason go into the audit log under your name.
          </>
        }
      />
      <fieldset className="flex flex-col gap-2" disabled={pending}>
        {/* One tap on a common reason flips at once: Kill, then the reason, is the whole flip. */}
        <legend className="mb-2 text-sm font-medium">{verb} now, because…</legend>
        <div className="grid grid-cols-2 gap-2">
          {(killed ? QUICK_REASONS.kill : QUICK_REASONS.restore).map((text) => (
            <button
              key={text}
              type="button"
              onClick={() => {
                setReason(text);
                setFieldErrors({});
                onConfirm(text);
              }}
              className={`min-h-12 rounded-md border px-3 text-sm font-semibold disabled:opacity-50 ${killed ? 'border-bad text-bad hover:bg-bad-bg' : 'border-ok text-ok hover:bg-ok-bg'}`}
            >
              {text}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor={`reason-${feature}`} className="text-sm font-medium">
          Reason <span className="font-normal text-muted">(required; or tap one above)</span>
        </label>
        <textarea
          id={`reason-${feature}`}
          name="reason"
          rows={3}
          maxLength={REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={`reason-${feature}-help`}
          className={`${inputClass} py-2`}
        />
        <p id={`reason-${feature}-help`} className={`text-sm ${errors?.length ? 'text-bad' : 'text-muted'}`}>
          {errors?.length
            ? errors.join(' ')
            : `What is wrong and what you saw. ${reason.trim().length}/${REASON_MAX} characters.`}
        </p>
      </div>
      <AskDialogActions pending={pending} error={error}>
        <Button type="submit" variant={killed ? 'danger' : 'primary'} disabled={pending}>
          {pending ? (killed ? 'Killing…' : 'Restoring…') : `${verb} ${feature}`}
        </Button>
      </AskDialogActions>
    </form>
  );
}
