// The answer to a batch of items (calls, scores): the status says what was stored, and the body is
// always `{ accepted, duplicates, rejected }`:
// - 200: every item is stored (re-sent ones count as duplicates);
// - 207: some items were invalid and are listed in `rejected` (index, id, reasons), the others stored;
// - 400: every item was invalid; nothing was stored (the body also has `error`).

export interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id?: string; errors: string[] }[];
}

export function batchResponse(result: BatchResult, noun: 'calls' | 'scores'): Response {
  const status = result.rejected.length === 0 ? 200 : result.accepted + result.duplicates > 0 ? 207 : 400;
  const body =
    status === 400
      ? {
          error: {
            code: `invalid_${noun}`,
            message: `No ${noun.slice(0, -1)} was stored: all ${result.rejected.length} ${noun} are invalid (see rejected).`,
          },
          ...result,
        }
      : result;
  // no-transform: Next would gzip this short answer, which costs more than it saves.
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store, no-transform' } });
}
