import type { ActionResult } from '@/lib/actions';
import type { SloPreview } from '@/lib/status/slo-preview';

/** A server action of the SLO page: answers how many changes it stored. */
export type SloAction = (input: unknown) => Promise<ActionResult<{ changes: number }>>;

/** Form values as numbers for zod: empty stays undefined (so "required" says so), junk becomes NaN. */
export function numberOrUndefined(value: FormDataEntryValue | null): number | undefined {
  const text = String(value ?? '').trim();
  return text === '' ? undefined : Number(text);
}

/** The form's optional reason for the audit log (ReasonField). */
export const reasonOf = (form: FormData) => String(form.get('reason') ?? '');

/** The messages of a field and of everything below it ("budgets.thresholds" and "budgets.thresholds.1"). */
export function errorsUnder(fieldErrors: Record<string, string[]>, path: string): string[] | undefined {
  const found = Object.entries(fieldErrors).flatMap(([key, messages]) =>
    key === path || key.startsWith(`${path}.`) ? messages : [],
  );
  return found.length ? found : undefined;
}

/** The SLO page's preview action: a draft SLO's figures over its past window, nothing stored. */
export type SloPreviewAction = (input: unknown) => Promise<ActionResult<SloPreview>>;
