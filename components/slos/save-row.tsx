import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';

/** Why the change is made: optional, kept with it in the audit log (name="reason", read by reasonOf). */
export function ReasonField({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <Field
      id={id}
      label="Reason for the change (optional)"
      name="reason"
      maxLength={500}
      autoComplete="off"
      errors={errors}
      hint="Kept with the change in the audit log, e.g. “Q3 budget review” or a ticket."
    />
  );
}

/** What a settings form ends with: why it was refused, its save button, and what the save did. */
export function SaveRow({
  label,
  pending,
  error,
  saved,
}: {
  label: string;
  pending: boolean;
  error: string | null;
  saved: string | null;
}) {
  return (
    <>
      <FormError error={error} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : label}
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-ok">
            {saved}
          </p>
        ) : null}
      </div>
    </>
  );
}

/** "Budget saved." when the server stored a change, "Nothing changed." when it had none to store. */
export const savedMessage = (what: string, changes: number) => (changes ? `${what} saved.` : 'Nothing changed.');
