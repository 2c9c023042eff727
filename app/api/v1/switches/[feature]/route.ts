// One feature's switch: read it, or flip it with a `switches:write` key.
import { getControlDb } from '@/db';
import { findSwitch } from '@/db/queries/switches';
import { notFound, validationError } from '@/lib/api/errors';
import { apiRoute, readJsonBody } from '@/lib/api/route';
import { actorOf, requireKey, requireKeyOrUser } from '@/lib/auth/guard';
import { toSwitchState } from '@/lib/switches/document';
import { flipSwitch } from '@/lib/switches/flip-switch';
import { FlipSwitchSchema } from '@/lib/validations/switch';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ feature: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => {
  await requireKeyOrUser(request, 'switches:read');
  const { feature } = await params;
  const row = await findSwitch(await getControlDb(), feature);
  if (!row) throw notFound(`There is no feature "${feature}".`);
  return Response.json(toSwitchState(row));
});

/** Browsers flip through the switches page's server action; this is for keys (CLI, automation). */
export const PUT = apiRoute<Context>(async (request, { params }) => {
  const principal = await requireKey(request, 'switches:write');
  const { feature } = await params;
  const parsed = FlipSwitchSchema.safeParse(await readJsonBody(request, 16 * 1024));
  if (!parsed.success) throw validationError(parsed.error, 'The flip is not valid; nothing was changed.');
  const { changed, state } = await flipSwitch(await getControlDb(), { featureKey: feature, ...parsed.data }, actorOf(principal));
  return Response.json({ ...state, changed });
});
