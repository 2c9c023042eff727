// A feature's SLOs, cost budgets and auto-trip policies as one document (docs/slos.md#slos-and-budgets-as-code),
// its SLOs also in OpenSLO (docs/slos.md#openslo).
import { getDb } from '@/db';
import { readSloDocument } from '@/db/queries/slo-definitions';
import { badRequest, notFound } from '@/lib/api/errors';
import { changeReason } from '@/lib/api/change-reason';
import { apiRoute } from '@/lib/api/route';
import { readJsonOrYamlBody } from '@/lib/api/yaml-body';
import { actorOf, requireKeyOrUser } from '@/lib/auth/guard';
import { applySloDocument } from '@/lib/slo/apply-document';
import { sloDocumentEtag } from '@/lib/slo/etag';
import { formatOpenSlo, toOpenSlo } from '@/lib/slo/openslo';
import { sloChangeOf } from '@/lib/slo/put-body';
import { etagMatches } from '@/lib/http/etag';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ key: string }> };

/** `?format=openslo` answers the SLOs as OpenSLO YAML instead of the JSON document. */
export const GET = apiRoute<Context>(async (request, { params }) => {
  await requireKeyOrUser(request, 'read');
  const { key } = await params;
  const format = new URL(request.url).searchParams.get('format') ?? 'json';
  if (format !== 'json' && format !== 'openslo') {
    throw badRequest('format must be "json" (the document) or "openslo" (the SLOs as OpenSLO YAML).');
  }
  const found = await readSloDocument(await getDb(), key);
  if (!found) throw notFound(`There is no feature "${key}".`);
  const etag = sloDocumentEtag(found.document);
  const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  if (format === 'json') return Response.json(found.document, { headers });
  const yaml = formatOpenSlo(toOpenSlo(key, found.document.slos));
  return new Response(yaml, { headers: { ...headers, 'Content-Type': 'application/yaml; charset=utf-8' } });
});

/**
 * Replaces the whole document: a key with `config:write`, or an admin's session. The body is our
 * document (JSON, or YAML by Content-Type) or OpenSLO documents, which replace the SLOs only.
 * `?dryRun=true` validates and answers the changes without storing them.
 */
export const PUT = apiRoute<Context>(async (request, { params }) => {
  const principal = await requireKeyOrUser(request, 'config:write', 'admin');
  const { key } = await params;
  const change = sloChangeOf(await readJsonOrYamlBody(request, 256 * 1024), key);
  const result = await applySloDocument(await getDb(), key, actorOf(principal), change, {
    ifMatch: request.headers.get('if-match'),
    dryRun: new URL(request.url).searchParams.get('dryRun') === 'true',
    reason: changeReason(request),
  });
  return Response.json({ changes: result.changes, document: result.document }, { headers: { ETag: result.etag } });
});
