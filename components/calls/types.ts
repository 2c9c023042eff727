import type { CallSummaryView, CallView } from '@/lib/ingest/call-view';

/** A row of GET /api/v1/calls. */
export type CallRow = CallSummaryView & { promptSnippet: string | null };
/** What the explorer's table (desktop) and cards (phone) take: the same calls, two layouts. */
export interface CallListProps {
  calls: CallRow[];
  /** For "x ago"; null until the browser's clock is known. */
  now: number | null;
  hrefOf: (id: string) => string;
}

export interface CallsPage {
  calls: CallRow[];
  nextCursor: string | null;
}
export type CallDetail = CallView;

/** The explorer's filters as they stand in the URL (only those set). */
export type FilterValues = Partial<Record<string, string>>;

export function callsHref(filters: FilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `/calls?${qs}` : '/calls';
}

export function apiCallsUrl(filters: FilterValues, extra: Record<string, string> = {}): string {
  return callsHref(filters, extra).replace(/^\/calls/, '/api/v1/calls');
}
