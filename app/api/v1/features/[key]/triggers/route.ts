// A feature's flag triggers (docs/triggers.md): list them (`switches:read`), or create one with a
// `switches:write` key or as an admin; the answer carries the trigger's secret URL, once.
import { getControlDb, getReadDb } from '@/db';
import { readJsonBody, apiRoute } from '@/lib/api/route';
import { actorOf, requireKeyOrUser } from '@/lib/auth/guard';
import { publicUrl } from '@/lib/env';
import { createTrigger, readTriggers } from '@/lib/triggers/manage-triggers';
import { triggerUrl } from '@/lib/triggers/secret';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ key: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => {
  await requireKeyOrUser(request, 'switches:read', 'viewer');
  return Response.json(
    { triggers: await readTriggers(await getReadDb(), (await params).key) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
});

export const POST = apiRoute<Context>(async (request, { params }) => {
  const principal = await requireKeyOrUser(request, 'switches:write', 'admin');
  const body = await readJsonBody(request, 16 * 1024);
  const { trigger, secret } = await createTrigger(await getControlDb(), (await params).key, body, actorOf(principal));
  return Response.json(
    { trigger, url: triggerUrl(publicUrl(), secret) },
    { status: 201, headers: { 'Cache-Control': 'no-store' } },
  );
});
