// A feature's SLOs, cost budgets and auto-trip policies as one document (docs/slos.md#slos-and-budgets-as-code).
import { getDb } from '@/db';
import { readSloDocument } from '@/db/queries/slo-definitions';
import { badRequest, notFound } from '@/lib/api/errors';
import { changeReason } from '@/lib/api/change-reason';
import { apiRoute, readJsonBody } from '@/lib/api/route';
import { actorOf, requireKeyOrUser } from '@/lib/auth/guard';
import { applySloDocument } from '@/lib/slo/apply-document';
import { sloDocumentEtag } from '@/lib/slo/etag';
import { etagMatches } from '@/lib/http/etag';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ key: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => {
  await requireKeyOrUser(request, 'read');
  const { key } = await params;
  const found = await readSloDocument(await getDb(), key);
  if (!found) throw notFound(`There is no feature "${key}".`);
  const etag = sloDocumentEtag(found.document);
  const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return Response.json(found.document, { headers });
});

/**
 * Replaces the whole document: a key with `config:write`, or an admin's session. `?dryRun=true`
 * validates and answers the changes without storing them.
 */
export const PUT = apiRoute<Context>(async (request, { params }) => {
  const principal = await requireKeyOrUser(request, 'config:write', 'admin');
  const { key } = await params;
  const body = withoutMatchingFeature(await readJsonBody(request, 256 * 1024), key);
  const result = await applySloDocument(await getDb(), key, actorOf(principal), () => body, {
    ifMatch: request.headers.get('if-match'),
    dryRun: new URL(request.url).searchParams.get('dryRun') === 'true',
    reason: changeReason(request),
  });
  return Response.json({ changes: result.changes, document: result.document }, { headers: { ETag: result.etag } });
});

/** The CLI's file carries `feature:` on top; the same file sent here may keep it if it names this feature. */
function withoutMatchingFeature(body: unknown, key: string): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('feature' in body)) return body;
  const { feature, ...rest } = body as Record<string, unknown>;
  if (feature !== key) {
    throw badRequest('The document names another feature; nothing was changed.', { feature: [`The URL names "${key}" but the document says "${String(feature)}".`] });
  }
  return rest;
}
