'use client';

// The switches page's list: a search field, every killed or troubled switch, and the healthy rest
// a page at a time (lib/lists/visible-rows.ts), each card with its status and last hour.
import { useState } from 'react';
import { StatusBadge } from '@/components/overview/status-badge';
import { Button } from '@/components/ui/button';
import { SearchField } from '@/components/ui/search-field';
import { formatCount } from '@/lib/format/numbers';
import { visibleRows } from '@/lib/lists/visible-rows';
import { hasProblem, type FeatureStatus } from '@/lib/status/feature-status';
import type { SwitchState } from '@/lib/switches/document';
import type { RecentTraffic } from '@/lib/switches/recent-traffic';
import { switchStatus } from '@/lib/switches/switch-order';
import { SwitchCard } from './switch-card';
import { SwitchHealth } from './switch-health';
import type { FlipAction } from './types';

/** Switches shown at first, and added per "Show more", besides every killed or troubled one. */
const PAGE = 24;

interface Props {
  /** Worst first. */
  switches: SwitchState[];
  /** Null for viewers. */
  flip: FlipAction | null;
  health: Record<string, RecentTraffic>;
  statuses: Record<string, FeatureStatus>;
}

export function SwitchList({ switches, flip, health, statuses }: Props) {
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(PAGE);
  const isProblem = (s: SwitchState) => {
    const status = switchStatus(s, statuses);
    return status !== null && hasProblem(status);
  };
  const visible = visibleRows(switches, { query: search, textOf: (s) => s.feature, isProblem, restShown: shown });
  return (
    <>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <SearchField label="Find a switch" placeholder="Find a switch" value={search} onChange={setSearch} />
        {search ? (
          <p className="tabular text-sm text-muted" aria-live="polite">
            {formatCount(visible.matching)} of {formatCount(switches.length)} match
          </p>
        ) : null}
      </div>
      {visible.rows.length === 0 ? (
        <p className="rounded-md border border-border bg-panel p-4 text-sm text-muted">
          No feature’s key contains “{search}”.
        </p>
      ) : null}
      <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" aria-label="Kill switches">
        {visible.rows.map((s) => {
          const status = switchStatus(s, statuses);
          return (
            <SwitchCard
              key={s.feature}
              state={s}
              flip={flip}
              href={`/features/${encodeURIComponent(s.feature)}`}
              health={
                <>
                  {status && status !== 'killed' ? (
                    <p className="flex items-center gap-2 text-xs text-muted">
                      <StatusBadge status={status} /> now
                    </p>
                  ) : null}
                  <SwitchHealth traffic={health[s.feature]} />
                </>
              }
            />
          );
        })}
      </ul>
      {visible.hidden > 0 ? (
        <Button variant="secondary" className="self-center" onClick={() => setShown((n) => n + PAGE * 2)}>
          Show {formatCount(Math.min(visible.hidden, PAGE * 2))} more of {formatCount(visible.hidden)}
        </Button>
      ) : null}
    </>
  );
}
