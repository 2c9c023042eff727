// The forms' edits of one part of the document; the result goes through applySloDocument like a PUT.
import { ApiError } from '@/lib/api/errors';
import type { Slo, SloDocument } from '@/lib/validations/slo';

const nameTaken = (name: string) =>
  new ApiError(400, 'invalid_request', 'Please correct the highlighted fields.', {
    'slo.name': [`This feature already has an SLO named "${name}"; choose another name.`],
  });

/** Adds `slo`, or replaces the one named `originalName` in place (renaming it if the name changed). */
export function withSlo(doc: SloDocument, slo: Slo, originalName?: string): SloDocument {
  const clash = doc.slos.some((s) => s.name === slo.name && s.name !== originalName);
  if (clash) throw nameTaken(slo.name);
  if (originalName === undefined) return { ...doc, slos: [...doc.slos, slo] };
  const index = doc.slos.findIndex((s) => s.name === originalName);
  if (index < 0)
    throw new ApiError(
      404,
      'not_found',
      `The SLO "${originalName}" no longer exists; someone may have deleted it. Reload the page.`,
    );
  return { ...doc, slos: doc.slos.map((s, i) => (i === index ? slo : s)) };
}

export function withoutSlo(doc: SloDocument, name: string): SloDocument {
  if (!doc.slos.some((s) => s.name === name))
    throw new ApiError(404, 'not_found', `The SLO "${name}" no longer exists. Reload the page.`);
  return { ...doc, slos: doc.slos.filter((s) => s.name !== name) };
}
