// The switch set for SDKs, the CLI and the dashboard; cheap to poll thanks to the ETag.
import { getControlDb } from '@/db';
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { etagMatches } from '@/lib/http/etag';
import { readSwitchStates, switchDocumentEtag, toSwitchDocument } from '@/lib/switches/document';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request) => {
  await requireKeyOrUser(request, 'switches:read');
  const document = toSwitchDocument(await readSwitchStates(await getControlDb()));
  const body = JSON.stringify(document);
  const etag = switchDocumentEtag(body, document.version);
  const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, 'Content-Type': 'application/json' } });
});
