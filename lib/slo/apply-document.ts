// Changing a feature's SLO document: the one path the API, the CLI (through the API) and the
// forms go through. Validates, diffs, writes and audits in one transaction.
import type { Db } from '@/db';
import { appendAudit, type Actor } from '@/db/queries/audit';
import { deleteSlos, readSloDocument, setAutoTrip, upsertBudgets, upsertSlos } from '@/db/queries/slo-definitions';
import { ApiError, notFound, validationError } from '@/lib/api/errors';
import { etagMatches } from '@/lib/http/etag';
import { SloDocumentSchema, type SloDocument } from '@/lib/validations/slo';
import { diffSloDocuments, type SloChange } from './diff';
import { canonicalDocument, sloToRow } from './document';
import { sloDocumentEtag } from './etag';

export interface ApplyResult {
  document: SloDocument;
  changes: SloChange[];
  etag: string;
}

export interface ApplyOptions {
  /** The ETag the caller last read (If-Match): refused with 412 when the document moved on. */
  ifMatch?: string | null;
  /** Validate and report the changes without writing them. */
  dryRun?: boolean;
  /** Why, for the audit log. */
  reason?: string | null;
}

/**
 * Replaces the feature's definitions with what `change` makes of the current ones. Nothing is
 * written, and nothing audited, when the result equals the current document; otherwise each
 * change gets its audit entry with before and after. Throws 404 for an unknown feature, 400
 * (field paths into the document) for an invalid result, 412 for a stale If-Match.
 */
export async function applySloDocument(
  db: Db,
  featureKey: string,
  actor: Actor,
  change: (current: SloDocument) => unknown,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    const current = await readSloDocument(tx, featureKey, { lock: true });
    if (!current) throw notFound(`There is no feature "${featureKey}". Features appear when their first call arrives.`);
    const currentEtag = sloDocumentEtag(current.document);
    if (options.ifMatch && !etagMatches(options.ifMatch, currentEtag)) {
      throw new ApiError(
        412,
        'precondition_failed',
        'The definitions changed since you read them; read them again and reapply your change.',
      );
    }
    const parsed = SloDocumentSchema.safeParse(change(current.document));
    if (!parsed.success) throw validationError(parsed.error, 'The SLO document is not valid; nothing was changed.');
    const next = canonicalDocument(parsed.data);
    const changes = diffSloDocuments(current.document, next);
    if (!changes.length || options.dryRun)
      return { document: changes.length ? next : current.document, changes, etag: currentEtag };

    const featureId = current.feature.id;
    const deleted = changes.flatMap((c) => (c.kind === 'slo.delete' ? [c.name] : []));
    await deleteSlos(tx, featureId, deleted);
    const written = new Set(
      changes.flatMap((c) => (c.kind === 'slo.create' || c.kind === 'slo.update' ? [c.name] : [])),
    );
    await upsertSlos(tx, featureId, next.slos.filter((s) => written.has(s.name)).map(sloToRow));
    if (changes.some((c) => c.kind === 'budgets.update')) await upsertBudgets(tx, featureId, next.budgets);
    if (changes.some((c) => c.kind === 'autoTrip.update')) await setAutoTrip(tx, featureId, next.autoTrip);
    for (const c of changes) {
      await appendAudit(tx, actor, {
        action: c.kind,
        targetType: 'feature',
        targetId: featureKey,
        before: 'before' in c ? c.before : null,
        after: 'after' in c ? c.after : null,
        reason: options.reason,
      });
    }
    return { document: next, changes, etag: sloDocumentEtag(next) };
  });
}
