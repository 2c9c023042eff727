'use client';

import { useSyncExternalStore } from 'react';

const subscribeToClock = (tick: () => void) => {
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
};

/** The browser's clock to the second; null while rendering on the server (so hydration matches). */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribeToClock,
    () => Math.floor(Date.now() / 1000) * 1000,
    () => null,
  );
}
