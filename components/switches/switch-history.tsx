'use client';

import { useQuery } from '@tanstack/react-query';
import { ChevronDown } from 'lucide-react';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { fetchJson } from '@/lib/api/fetch-json';
import type { SwitchHistoryEntry } from '@/lib/switches/history';
import { When } from './when';

/** The feature's recent flips from the audit log, loaded when opened. */
export function SwitchHistory({ feature, updatedAt }: { feature: string; updatedAt: string | null }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        className="-mx-2 flex min-h-11 items-center gap-1 rounded-md px-2 text-sm font-medium text-accent hover:bg-bg"
      >
        <ChevronDown aria-hidden className={`size-4 transition-transform ${open ? 'rotate-180' : ''}`} />
        {open ? 'Hide history' : 'History'}
      </button>
      {open ? (
        <div id={id}>
          {/* updatedAt in the key: a new flip refetches an open history. */}
          <HistoryList feature={feature} updatedAt={updatedAt} />
        </div>
      ) : null}
    </div>
  );
}

function HistoryList({ feature, updatedAt }: { feature: string; updatedAt: string | null }) {
  const query = useQuery({
    queryKey: ['switch-history', feature, updatedAt],
    queryFn: () =>
      fetchJson<{ entries: SwitchHistoryEntry[] }>(`/api/v1/switches/${encodeURIComponent(feature)}/history`).then(
        (r) => r.entries,
      ),
  });
  if (query.isPending) {
    return (
      <div aria-busy className="mt-2 flex flex-col gap-2" aria-label="Loading history">
        <div className="h-10 animate-pulse rounded bg-bg" />
        <div className="h-10 animate-pulse rounded bg-bg" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div role="alert" className="mt-2 flex flex-wrap items-center gap-2 text-sm text-bad">
        Could not load the history: {query.error.message}
        <Button variant="secondary" onClick={() => query.refetch()}>
          Retry
        </Button>
      </div>
    );
  }
  if (query.data.length === 0) return <p className="mt-2 text-sm text-muted">Never flipped.</p>;
  return (
    <ol className="mt-2 flex flex-col divide-y divide-border border-t border-border text-sm">
      {query.data.map((entry) => (
        <li key={entry.id} className="flex flex-col gap-0.5 py-2">
          <When iso={entry.at} />
          <span>
            <span className="font-medium wrap-anywhere">{entry.by}</span>: {word(entry.from.killed)} →{' '}
            {word(entry.to.killed)}
          </span>
          {entry.reason ? <span className="text-muted wrap-anywhere">“{entry.reason}”</span> : null}
        </li>
      ))}
    </ol>
  );
}

const word = (killed: boolean) => (killed ? 'KILLED' : 'LIVE');
