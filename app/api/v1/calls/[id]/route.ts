import { z } from 'zod';
import { getDb } from '@/db';
import { findCallById } from '@/db/queries/calls';
import { listCallScores } from '@/db/queries/scores';
import { badRequest, notFound } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { callView } from '@/lib/ingest/call-view';

export const dynamic = 'force-dynamic';

const CallId = z.guid();

/** One stored call (a key with the `read` scope, or a signed-in user), with cost and redacted bodies. */
export const GET = apiRoute(async (request, { params }: { params: Promise<{ id: string }> }) => {
  await requireKeyOrUser(request, 'read');
  const { id } = await params;
  if (!CallId.safeParse(id).success) throw badRequest(`"${id.slice(0, 100)}" is not a call id; call ids are UUIDs.`);
  const db = await getDb();
  const call = await findCallById(db, id.toLowerCase());
  if (!call) throw notFound(`There is no call with id ${id}.`);
  return Response.json(callView(call, await listCallScores(db, call.id)));
});
