'use client';

// Previews a draft SLO through a server action: at once on request (showing the draft's field
// errors), or debounced while the form changes (quietly: an unfinished draft is not an error yet).
import { useEffect, useRef, useState } from 'react';
import { zodFieldErrors, type FieldErrors } from '@/lib/api/errors';
import type { SloPreview } from '@/lib/status/slo-preview';
import { PreviewSloSchema, type Slo } from '@/lib/validations/slo';
import type { SloPreviewAction } from './types';

const DEBOUNCE_MS = 500;

export type PreviewState =
  | { kind: 'idle' }
  | { kind: 'incomplete' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; slo: Slo; preview: SloPreview };

/** Keeps only the errors of fields that already showed one: fixing a field clears its message. */
function stillWrong(shown: FieldErrors, now: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(now).filter(([field]) => field in shown));
}

export function useSloPreview(featureKey: string, action: SloPreviewAction) {
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function run(slo: unknown, showErrors: boolean) {
    clearTimeout(timer.current);
    const request = ++latest.current;
    const input = { featureKey, slo };
    const checked = PreviewSloSchema.safeParse(input);
    if (!checked.success) {
      const errors = zodFieldErrors(checked.error);
      setFieldErrors((shown) => (showErrors ? errors : stillWrong(shown, errors)));
      setState({ kind: 'incomplete' });
      return;
    }
    setFieldErrors({});
    setState({ kind: 'loading' });
    try {
      const result = await action(input);
      if (request !== latest.current) return;
      if (result.ok) setState({ kind: 'ready', slo: checked.data.slo, preview: result.data });
      else {
        setFieldErrors(result.fieldErrors ?? {});
        setState({ kind: 'failed', message: result.error });
      }
    } catch {
      if (request === latest.current)
        setState({
          kind: 'failed',
          message: 'Could not reach Switchboard for a preview. Check your connection and try again.',
        });
    }
  }

  return {
    state,
    fieldErrors,
    /** The Preview button: now, with the draft's field errors shown. */
    previewNow: (slo: unknown) => run(slo, true),
    /** A change in the form: after a pause in typing; `read` is called then, for the latest draft. */
    previewSoon: (read: () => unknown) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void run(read(), false), DEBOUNCE_MS);
    },
  };
}
