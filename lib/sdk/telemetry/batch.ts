// A batch ready to ship: redacted and serialised once, off the call path, so that a retry re-sends
// the same bytes (the server stores each call id, and each call's named score, once).
import type { Redactor, RedactionCounts } from '../redact/redactor.ts';
import type { CallRecord, ScoreRecord } from '../types.ts';

export interface Batch<T> {
  items: T[];
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

export function makeBatch(calls: CallRecord[], redactor: Redactor | null): Batch<CallRecord> {
  const redacted = redactor ? calls.map((call) => redactCall(call, redactor)) : calls;
  return { items: redacted, body: JSON.stringify({ calls: redacted }) };
}

/** Scores for POST /api/v1/scores; comments are redacted like call bodies. */
export function makeScoreBatch(scores: ScoreRecord[], redactor: Redactor | null): Batch<ScoreRecord> {
  const redacted = redactor
    ? scores.map((s) => (s.comment === undefined ? s : { ...s, comment: redactor.text(s.comment, {}) }))
    : scores;
  return { items: redacted, body: JSON.stringify({ scores: redacted }) };
}

/** What POST /api/v1/calls and /api/v1/scores answer (200, 207, or 400 with `rejected`). */
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
