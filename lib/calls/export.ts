// CSV and NDJSON exports of the calls explorer: the whole filtered range, read in keyset batches
// inside the response stream so that memory stays flat however many calls match.
import type { Db } from '@/db/client';
import { listCalls, type ListedCall } from '@/db/queries/calls-list';
import { callSummaryView } from '@/lib/ingest/call-view';
import type { CallsCursor, CallsFilters } from '@/lib/validations/calls-query';

export const EXPORT_BATCH = 1000;

export type ExportFormat = 'csv' | 'ndjson';

function exportRecord(row: ListedCall) {
  return {
    ...callSummaryView(row),
    prompt: row.prompt ?? null,
    completion: row.completion ?? null,
    metadata: row.metadata ?? null,
  };
}

export const CSV_COLUMNS = Object.keys(
  exportRecord({ ts: new Date(0), receivedAt: new Date(0), score: null } as unknown as ListedCall),
) as (keyof ReturnType<typeof exportRecord>)[];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. Text
 * that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading `'`.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function encodeRows(rows: ListedCall[], format: ExportFormat): string {
  let out = '';
  for (const row of rows) {
    const record = exportRecord(row);
    out +=
      format === 'ndjson'
        ? `${JSON.stringify(record)}\n`
        : `${CSV_COLUMNS.map((c) => csvField(record[c])).join(',')}\r\n`;
  }
  return out;
}

/**
 * The export as a byte stream. The first batch is read before this resolves, so that a failing
 * query still becomes a proper error status; later batches are read as the client pulls.
 */
export async function exportCalls(
  db: Db,
  filters: CallsFilters,
  format: ExportFormat,
  start?: CallsCursor,
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let page = await listCalls(db, filters, { limit: EXPORT_BATCH, cursor: start, bodies: 'full' });
  let header = format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '';
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (done) return controller.close();
        const chunk = header + encodeRows(page.rows, format);
        header = '';
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (!page.nextCursor) {
          done = true;
          return;
        }
        page = await listCalls(db, filters, { limit: EXPORT_BATCH, cursor: page.nextCursor, bodies: 'full' });
      },
    },
    { highWaterMark: 1 },
  );
}

export function exportFilename(filters: CallsFilters, format: ExportFormat): string {
  const stamp = (d: Date) => d.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const scope = filters.feature ?? 'all';
  return `calls-${scope}-${stamp(filters.from)}-${stamp(filters.to)}.${format}`;
}
