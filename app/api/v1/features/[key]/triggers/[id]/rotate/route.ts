// A flag trigger's new secret URL (the old one stops working at once); a `switches:write` key or an admin.
import { getControlDb } from '@/db';
import { apiRoute } from '@/lib/api/route';
import { actorOf, requireKeyOrUser } from '@/lib/auth/guard';
import { publicUrl } from '@/lib/env';
import { rotateTrigger, triggerIdOf } from '@/lib/triggers/manage-triggers';
import { triggerUrl } from '@/lib/triggers/secret';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ key: string; id: string }> };

export const POST = apiRoute<Context>(async (request, { params }) => {
  const principal = await requireKeyOrUser(request, 'switches:write', 'admin');
  const { key, id } = await params;
  const { trigger, secret } = await rotateTrigger(await getControlDb(), key, triggerIdOf(id), actorOf(principal));
  return Response.json({ trigger, url: triggerUrl(publicUrl(), secret) }, { headers: { 'Cache-Control': 'no-store' } });
});
