// A flag trigger's secret URL (docs/triggers.md): Alertmanager, Grafana or anything that can POST
// kills or restores one feature's switch. The secret is the credential: an unknown one is 404 at
// the cost of a known one; callers are rate-limited per address before any lookup.
import { getControlDb } from '@/db';
import { ApiError } from '@/lib/api/errors';
import { apiRoute, parseJsonBytes, readBody } from '@/lib/api/route';
import { clientAddress } from '@/lib/auth/login-limiter';
import { TokenBuckets } from '@/lib/ingest/rate-limit';
import { findTriggerBySecret, fireTrigger } from '@/lib/triggers/fire-trigger';

export const dynamic = 'force-dynamic';

/** Alertmanager sends a group's alerts in one body; a few hundred fit in this. */
const MAX_BODY_BYTES = 256 * 1024;

/** Calls per client address, known secret or not: enough for any alerting system, too few to guess. */
const perAddress = new TokenBuckets(20, 120);

type Context = { params: Promise<{ secret: string }> };

export const POST = apiRoute<Context>(async (request, { params }) => {
  const limited = perAddress.take(clientAddress(Object.fromEntries(request.headers)) ?? 'unknown');
  if (!limited.ok)
    throw new ApiError(429, 'rate_limited', 'Too many calls to trigger URLs; try again shortly.', undefined, {
      'Retry-After': String(limited.retryAfterSeconds),
    });
  const db = await getControlDb();
  const trigger = await findTriggerBySecret(db, (await params).secret);
  const bytes = request.body ? await readBody(request, MAX_BODY_BYTES) : Buffer.alloc(0);
  const body = bytes.byteLength === 0 ? undefined : parseJsonBytes(bytes);
  return Response.json(await fireTrigger(db, trigger, body), { headers: { 'Cache-Control': 'no-store' } });
});
