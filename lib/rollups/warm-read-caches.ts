// Fills the rollup caches (./bucket-cache.ts) once the server has started, before it
// answers its first request, so that the first overview after a restart is as fast as the next:
// it reads what the overview reads (every feature's 24 hours, SLO windows and spend). A cold read
// at 10 M calls takes seconds; a server behind a load balancer is not ready until its health check
// answers, which waits for this. After `waitMs` the server starts serving anyway and the warm-up
// goes on in the background; a failure is only logged (the first request then fills the caches).
import { readDbOf, type Database } from '@/db';
import { getOverview } from '@/lib/overview/overview';

/** How long a start waits for the warm-up before serving regardless. */
export const WARM_UP_WAIT_MS = 20_000;

export async function warmReadCaches(database: Database, waitMs = WARM_UP_WAIT_MS): Promise<void> {
  const started = performance.now();
  const warming = getOverview(readDbOf(database), { now: new Date(), hourly: 'none' }).then(
    (overview) =>
      console.log(
        `Warmed the read caches for ${overview.features.length} features in ${Math.round(performance.now() - started)} ms.`,
      ),
    (err: unknown) =>
      console.warn(
        `Could not warm the read caches (the first overview fills them): ${err instanceof Error ? err.message : String(err)}`,
      ),
  );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  await Promise.race([warming, waited]);
  clearTimeout(timer);
}
