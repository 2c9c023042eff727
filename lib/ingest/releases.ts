// The releases of a batch that this process has not stored yet, per database handle: a batch from
// a known release costs no statement. Feature ids never change, so a remembered release stays true.
import type { Db } from '@/db';
import type { NewCall } from '@/db/queries/calls';
import type { FeatureRelease } from '@/db/queries/feature-releases';

const MAX_REMEMBERED = 10_000;
const known = new WeakMap<Db, Set<string>>();

const keyOf = (r: { featureId: number; environment: string; release: string }) =>
  `${r.featureId}\u0000${r.environment}\u0000${r.release}`;

/** Each release of the rows not known to be stored, with the time of its earliest call here. */
export function unknownReleases(db: Db, rows: readonly NewCall[]): FeatureRelease[] {
  const seen = known.get(db);
  const found = new Map<string, FeatureRelease>();
  for (const row of rows) {
    if (!row.release) continue;
    const release = {
      featureId: row.featureId,
      environment: row.environment ?? 'production',
      release: row.release,
      firstSeenAt: row.ts!,
    };
    const key = keyOf(release);
    if (seen?.has(key)) continue;
    const earlier = found.get(key);
    if (!earlier || release.firstSeenAt < earlier.firstSeenAt) found.set(key, release);
  }
  return [...found.values()];
}

/** Call once the transaction that stored them has committed. */
export function rememberReleases(db: Db, releases: readonly FeatureRelease[]): void {
  let seen = known.get(db);
  if (!seen) known.set(db, (seen = new Set()));
  if (seen.size + releases.length > MAX_REMEMBERED) seen.clear();
  for (const release of releases) seen.add(keyOf(release));
}
