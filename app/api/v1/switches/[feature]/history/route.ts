// A feature's recent switch flips from the append-only audit log.
import { z } from 'zod';
import { getDb } from '@/db';
import { findSwitch } from '@/db/queries/switches';
import { notFound, validationError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { requireKeyOrUser } from '@/lib/auth/guard';
import { HISTORY_LIMIT, readSwitchHistory } from '@/lib/switches/history';

export const dynamic = 'force-dynamic';

const QuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(HISTORY_LIMIT),
});

export const GET = apiRoute<{ params: Promise<{ feature: string }> }>(async (request, { params }) => {
  await requireKeyOrUser(request, 'switches:read');
  const { feature } = await params;
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw validationError(query.error);
  const db = await getDb();
  if (!(await findSwitch(db, feature))) throw notFound(`There is no feature "${feature}".`);
  return Response.json({ feature, entries: await readSwitchHistory(db, feature, query.data.limit) });
});
