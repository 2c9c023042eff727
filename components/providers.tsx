'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { FetchError } from '@/lib/api/fetch-json';
// Before any schema is parsed in the browser: no eval probe under the CSP.
import '@/lib/validations/zod-browser';

const RETRIES = 2;

/**
 * Retries what may pass: no answer, 429 and 5xx. Another 4xx (a call retention dropped, a bad id,
 * an ended session) answers the same the next time, and retrying it kept a skeleton up for seconds.
 */
function retryTransient(failures: number, error: Error): boolean {
  if (failures >= RETRIES) return false;
  if (!(error instanceof FetchError)) return true;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: true, retry: retryTransient } },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
