// Fills the rollup caches (db/queries/bucket-cache.ts) in the background once the server has
// started, so that the first overview after a restart is as fast as the next: it reads what the
// overview reads (every feature's 24 hours, SLO windows and spend). Nothing waits for it; a failure
// is only logged, since the first real request then fills the caches itself.
import { readDbOf, type Database } from '@/db';
import { getOverview } from '@/lib/overview/overview';

export async function warmReadCaches(database: Database): Promise<void> {
  const started = performance.now();
  try {
    const overview = await getOverview(readDbOf(database), { now: new Date(), hourly: 'none' });
    console.log(`Warmed the read caches for ${overview.features.length} features in ${Math.round(performance.now() - started)} ms.`);
  } catch (err) {
    console.warn(`Could not warm the read caches (the first overview fills them): ${err instanceof Error ? err.message : String(err)}`);
  }
}
