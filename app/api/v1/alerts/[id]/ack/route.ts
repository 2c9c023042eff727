// Acknowledge a firing alert: a key with `switches:write` (incident bots) or a responder's session.
import { getDb } from '@/db';
import { validationError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { acknowledgeAlert } from '@/lib/alerts/acknowledge';
import { toAlertJson } from '@/lib/alerts/alert-json';
import { actorOf, requireKeyOrUser } from '@/lib/auth/guard';
import { AlertIdSchema } from '@/lib/validations/alert';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const POST = apiRoute<Context>(async (request, { params }) => {
  const principal = await requireKeyOrUser(request, 'switches:write', 'responder');
  const id = AlertIdSchema.safeParse((await params).id);
  if (!id.success) throw validationError(id.error, 'The alert id is not valid.');
  const { changed, alert } = await acknowledgeAlert(await getDb(), id.data, actorOf(principal));
  return Response.json({ ...toAlertJson(alert), changed });
});
