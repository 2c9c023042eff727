// What a `PUT /api/v1/features/{key}/slos` body asks for, in either of its formats: our document
// replaces the whole definition; OpenSLO documents replace the SLOs and keep budgets and auto-trip.
import { badRequest, validationError } from '@/lib/api/errors';
import { openSloDocumentsSchema } from '@/lib/validations/openslo';
import type { SloDocument } from '@/lib/validations/slo';
import { isOpenSlo } from './openslo';

/** The change for applySloDocument; throws 400 for OpenSLO that is refused, or a document naming another feature. */
export function sloChangeOf(body: unknown, featureKey: string): (current: SloDocument) => unknown {
  if (isOpenSlo(body)) {
    const parsed = openSloDocumentsSchema(featureKey).safeParse(Array.isArray(body) ? body : [body]);
    if (!parsed.success)
      throw validationError(parsed.error, 'The OpenSLO documents are not valid; nothing was changed.');
    return (current) => ({ ...current, slos: parsed.data.slos });
  }
  const document = withoutMatchingFeature(body, featureKey);
  return () => document;
}

/** The CLI's file carries `feature:` on top; the same file sent here may keep it if it names this feature. */
function withoutMatchingFeature(body: unknown, key: string): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('feature' in body)) return body;
  const { feature, ...rest } = body as Record<string, unknown>;
  if (feature !== key) {
    throw badRequest('The document names another feature; nothing was changed.', {
      feature: [`The URL names "${key}" but the document says "${String(feature)}".`],
    });
  }
  return rest;
}
