// Why a change was made, for the audit log: API clients (CI, runbooks) send it in a header, as
// the body of these requests is the document itself.
import { badRequest } from './errors';

export const REASON_HEADER = 'x-switchboard-reason';
const MAX_REASON_CHARS = 500;

/** The reason in X-Switchboard-Reason (percent-encoded UTF-8 allowed), or null when absent. */
export function changeReason(request: Request): string | null {
  const raw = request.headers.get(REASON_HEADER)?.trim();
  if (!raw) return null;
  let reason = raw;
  try {
    reason = decodeURIComponent(raw);
  } catch {
    // a plain "50% of budget" is not percent-encoding: keep it as sent
  }
  if (reason.length > MAX_REASON_CHARS) {
    throw badRequest(`X-Switchboard-Reason is ${reason.length} characters; keep it under ${MAX_REASON_CHARS}.`);
  }
  return reason;
}
