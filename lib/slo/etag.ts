import { createHash } from 'node:crypto';
import type { SloDocument } from '@/lib/validations/slo';
import { canonicalDocument } from './document';

/** A strong ETag of the canonical document's bytes: GET answers 304 and PUT's If-Match compare it. */
export function sloDocumentEtag(doc: SloDocument): string {
  return `"${createHash('sha256')
    .update(JSON.stringify(canonicalDocument(doc)))
    .digest('base64url')
    .slice(0, 22)}"`;
}
