import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { apiRoute } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, for load balancers and the test harness. */
export const GET = apiRoute(async () => {
  const db = await getDb();
  await db.execute(sql`select 1`);
  return Response.json({ ok: true });
});
