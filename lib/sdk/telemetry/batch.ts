// A batch of calls ready to ship: redacted and serialised once, off the call path, so that a
// retry re-sends the same bytes (the server stores each call id once, so re-sending is safe).
import type { Redactor, RedactionCounts } from '../redact/redactor.ts';
import type { CallRecord } from '../types.ts';

export interface Batch {
  calls: CallRecord[];
  body: string;
}

export function redactCall(call: CallRecord, redactor: Redactor): CallRecord {
  if (call.prompt === undefined && call.completion === undefined && call.metadata === undefined) return call;
  const counts: RedactionCounts = {};
  const out = { ...call };
  if (call.prompt !== undefined) out.prompt = redactor.value(call.prompt, counts) as CallRecord['prompt'];
  if (call.completion !== undefined) out.completion = redactor.text(call.completion, counts);
  if (call.metadata !== undefined) out.metadata = redactor.value(call.metadata, counts) as CallRecord['metadata'];
  return out;
}

export function makeBatch(calls: CallRecord[], redactor: Redactor | null): Batch {
  const redacted = redactor ? calls.map((call) => redactCall(call, redactor)) : calls;
  return { calls: redacted, body: JSON.stringify({ calls: redacted }) };
}

/** What POST /api/v1/calls answers (200, 207, or 400 with `rejected`). */
export interface IngestAnswer {
  rejected?: { index: number; id?: string; errors: string[] }[];
  error?: { code?: string; message?: string };
}

export async function readAnswer(response: Response): Promise<IngestAnswer> {
  try {
    const json = (await response.json()) as unknown;
    return json && typeof json === 'object' ? (json as IngestAnswer) : {};
  } catch {
    return {};
  }
}
