'use client';

import { Check, Copy, TriangleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useClipboard } from '@/components/ui/use-clipboard';
import type { CreatedKey } from './create-key-form';

/** The new key, shown this once: only its hash is stored. */
export function NewKeyReveal({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  // The outcome stays on screen: the key is shown this once.
  const { state: copy, target: keyText, copy: copyText } = useClipboard<HTMLElement>({ resetMs: null });
  const copyKey = () => copyText(created.key);

  return (
    <section
      aria-labelledby="new-key-title"
      className="flex flex-col gap-3 rounded-lg border-2 border-warn bg-panel p-4 sm:p-5"
    >
      <h2 id="new-key-title" className="text-lg font-semibold">
        Key “{created.name}” created
      </h2>
      <p className="flex gap-2 rounded-md bg-warn-bg px-3 py-2 text-sm text-warn">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span>
          <strong>Copy it now: it will not be shown again.</strong> Switchboard keeps only a hash of it. If you lose it,
          revoke it and create a new one.
        </span>
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        {/* Wraps rather than scrolls, so that the whole key is visible on a phone. */}
        <code
          ref={keyText}
          data-testid="new-api-key"
          aria-label="New API key"
          className="flex min-h-11 flex-1 items-center rounded-md border border-border bg-bg px-3 py-2 font-mono text-sm break-all select-all"
        >
          {created.key}
        </code>
        <Button variant="secondary" onClick={copyKey} className="shrink-0">
          {copy === 'copied' ? (
            <Check aria-hidden className="size-4 text-ok" />
          ) : (
            <Copy aria-hidden className="size-4" />
          )}
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p aria-live="polite" className="text-xs text-muted">
        {copy === 'selected'
          ? 'Copying is blocked here: the key is selected, copy it with Ctrl+C (⌘C).'
          : 'Send it as Authorization: Bearer <key>.'}
      </p>
      <Button onClick={onDone} className="sm:self-start">
        I have stored the key
      </Button>
    </section>
  );
}
