'use client';

// Copies text for a Copy button. Outside a secure context (plain http on a LAN address) there is
// no clipboard: the text's element is selected instead, for a manual copy. `state` says which
// happened, and falls back to idle after a few seconds unless asked to stay.
import { useRef, useState, type RefObject } from 'react';

export type CopyState = 'idle' | 'copied' | 'selected';

export function useClipboard<E extends HTMLElement>(
  options: { resetMs?: number | null } = {},
): {
  state: CopyState;
  /** The element holding the text, selected when copying is blocked. */
  target: RefObject<E | null>;
  copy: (text: string) => Promise<void>;
} {
  const { resetMs = 3000 } = options;
  const target = useRef<E>(null);
  const [state, setState] = useState<CopyState>('idle');
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      if (target.current) window.getSelection()?.selectAllChildren(target.current);
      setState('selected');
    }
    if (resetMs !== null) setTimeout(() => setState('idle'), resetMs);
  }
  return { state, target, copy };
}
