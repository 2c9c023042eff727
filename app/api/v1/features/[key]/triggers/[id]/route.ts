// One flag trigger: rename, enable or disable, restoreOnResolve (PATCH), or delete it; a
// `switches:write` key or an admin.
import { getControlDb } from '@/db';
import { readJsonBody, apiRoute } from '@/lib/api/route';
import { actorOf, requireKeyOrUser } from '@/lib/auth/guard';
import { changeTrigger, removeTrigger, triggerIdOf } from '@/lib/triggers/manage-triggers';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ key: string; id: string }> };

export const PATCH = apiRoute<Context>(async (request, { params }) => {
  const principal = await requireKeyOrUser(request, 'switches:write', 'admin');
  const { key, id } = await params;
  const body = await readJsonBody(request, 16 * 1024);
  return Response.json({
    trigger: await changeTrigger(await getControlDb(), key, triggerIdOf(id), body, actorOf(principal)),
  });
});

export const DELETE = apiRoute<Context>(async (request, { params }) => {
  const principal = await requireKeyOrUser(request, 'switches:write', 'admin');
  const { key, id } = await params;
  await removeTrigger(await getControlDb(), key, triggerIdOf(id), actorOf(principal));
  return new Response(null, { status: 204 });
});
