import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';

/** What a settings form ends with: why it was refused, its save button, and what the save did. */
export function SaveRow({ label, pending, error, saved }: { label: string; pending: boolean; error: string | null; saved: string | null }) {
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
