'use client';

import { useSyncExternalStore } from 'react';

/**
 * Whether the viewport matches a media query; null while rendering on the server (which cannot
 * know), so that a component can render every layout there and only the matching one once in the
 * browser.
 */
export function useMediaQuery(query: string): boolean | null {
  return useSyncExternalStore(
    (changed) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    () => window.matchMedia(query).matches,
    () => null,
  );
}
