// One switch's answers (read, flip), for the route handler app/api/v1/switches/[feature] and for
// the server's switch lane (lib/server/switch-lane.ts), which serves keyed requests before Next.
import { getControlDb } from '@/db';
import { findSwitch } from '@/db/queries/switches';
import { notFound, validationError } from '@/lib/api/errors';
import { readJsonBody } from '@/lib/api/route';
import { actorOf, requireKey, requireKeyOrUser } from '@/lib/auth/guard';
import { FlipSwitchSchema } from '@/lib/validations/switch';
import { toSwitchState } from './document';
import { flipSwitch } from './flip-switch';

/** `GET /api/v1/switches/{feature}`: one switch. */
export async function oneSwitchResponse(request: Request, feature: string): Promise<Response> {
  await requireKeyOrUser(request, 'switches:read');
  const row = await findSwitch(await getControlDb(), feature);
  if (!row) throw notFound(`There is no feature "${feature}".`);
  return Response.json(toSwitchState(row));
}

/** `PUT /api/v1/switches/{feature}` with a `switches:write` key (CLI, automation; browsers use the page's action). */
export async function flipResponse(request: Request, feature: string): Promise<Response> {
  const principal = await requireKey(request, 'switches:write');
  const parsed = FlipSwitchSchema.safeParse(await readJsonBody(request, 16 * 1024));
  if (!parsed.success) throw validationError(parsed.error, 'The flip is not valid; nothing was changed.');
  const { changed, state } = await flipSwitch(
    await getControlDb(),
    { featureKey: feature, ...parsed.data },
    actorOf(principal),
  );
  return Response.json({ ...state, changed });
}
