'use client';

import { useSyncExternalStore } from 'react';
import { formatRelative, formatUtc } from '@/lib/format/time';

const TICK_MS = 15_000;

function subscribe(onChange: () => void) {
  const timer = setInterval(onChange, TICK_MS);
  return () => clearInterval(timer);
}
// Bucketed so that React sees the same value within a tick; null on the server.
const nowBucket = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;
const serverNow = () => null;

/** An absolute UTC time with "6 min ago" after it once the page runs in the browser. */
export function When({ iso, seconds }: { iso: string; seconds?: boolean }) {
  const now = useSyncExternalStore(subscribe, nowBucket, serverNow);
  return (
    <time dateTime={iso} title={iso} className="tabular">
      {formatUtc(iso, { seconds })}
      {now === null ? null : <span className="text-muted"> · {formatRelative(iso, now)}</span>}
    </time>
  );
}
