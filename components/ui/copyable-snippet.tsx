'use client';

// A command or snippet to paste, with its Copy button always in view above it. A one-line command
// wraps (`wrap`); a multi-line snippet keeps its lines and scrolls sideways on a phone.
import type { ReactNode } from 'react';
import { Check, Copy } from 'lucide-react';
import { useClipboard } from './use-clipboard';

interface Props {
  text: string;
  /** Said before the Copy button, on its line. */
  caption?: ReactNode;
  wrap?: boolean;
  testId?: string;
}

export function CopyableSnippet({ text, caption, wrap = false, testId }: Props) {
  const { state: copied, target: pre, copy } = useClipboard<HTMLPreElement>();
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {caption ? <span>{caption}</span> : null}
        <button
          type="button"
          onClick={() => copy(text)}
          className="ml-auto inline-flex min-h-11 items-center gap-1.5 rounded-md border border-border px-3 text-sm font-medium hover:bg-bg"
        >
          {copied === 'copied' ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
          {copied === 'copied' ? 'Copied' : copied === 'selected' ? 'Selected: copy it' : 'Copy'}
        </button>
      </div>
      <pre
        ref={pre}
        data-testid={testId}
        className={`rounded-md bg-bg p-3 font-mono text-xs leading-relaxed ${wrap ? 'break-words whitespace-pre-wrap' : 'overflow-x-auto'}`}
      >
        {text}
      </pre>
    </div>
  );
}
