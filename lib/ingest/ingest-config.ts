// What ingestion reads from the settings (model prices, redaction rules, features that keep no
// bodies), cached per database handle. A one-query version check runs at most once a second, so
// an edit made on any instance applies everywhere within about a second, and a busy ingestion
// path costs one tiny query per second instead of three per batch.
import type { Db } from '@/db';
import { featureIdsWithoutBodies } from '@/db/queries/features';
import { ingestConfigVersions, type IngestConfigVersions } from '@/db/queries/ingest-config';
import { listModelPrices } from '@/db/queries/model-prices';
import { listRedactionRules } from '@/db/queries/redaction-rules';
import { PriceTable } from '@/lib/cost/price-table';
import { compileRules } from '@/lib/sdk/redact/custom-rules';
import { Redactor } from '@/lib/sdk/redact/redactor';

export interface IngestConfig {
  prices: PriceTable;
  redactor: Redactor;
  /** Features with store_bodies off: their prompts and completions are dropped. */
  bodyless: ReadonlySet<number>;
}

const CHECK_INTERVAL_MS = 1000;

interface Entry {
  config: IngestConfig;
  versions: IngestConfigVersions;
  checkedAt: number;
}

const entries = new WeakMap<Db, Entry>();
const refreshing = new WeakMap<Db, Promise<IngestConfig>>();

export function getIngestConfig(db: Db): Promise<IngestConfig> {
  const entry = entries.get(db);
  if (entry && Date.now() - entry.checkedAt < CHECK_INTERVAL_MS) return Promise.resolve(entry.config);
  let pending = refreshing.get(db);
  if (!pending) {
    pending = refresh(db, entry).finally(() => refreshing.delete(db));
    refreshing.set(db, pending);
  }
  return pending;
}

/** Forgets the cache, e.g. right after this process edited prices or rules. */
export function invalidateIngestConfig(db: Db): void {
  entries.delete(db);
}

async function refresh(db: Db, previous: Entry | undefined): Promise<IngestConfig> {
  const versions = await ingestConfigVersions(db);
  const same = (part: keyof IngestConfigVersions) =>
    previous !== undefined && previous.versions[part] === versions[part];
  // Loaded after the version check: a change in between only causes one more reload later.
  const [prices, rules, bodyless] = await Promise.all([
    same('prices') ? previous!.config.prices : listModelPrices(db).then((rows) => new PriceTable(rows)),
    same('rules') ? previous!.config.redactor : listRedactionRules(db).then(buildRedactor),
    same('bodyless') ? previous!.config.bodyless : featureIdsWithoutBodies(db).then((ids) => new Set(ids)),
  ]);
  const config: IngestConfig = { prices, redactor: rules, bodyless };
  entries.set(db, { config, versions, checkedAt: Date.now() });
  return config;
}

function buildRedactor(rows: Awaited<ReturnType<typeof listRedactionRules>>): Redactor {
  const rules = compileRules(rows, (rule, reason) => {
    console.warn(`Redaction rule ${rule.id} "${rule.name}" is skipped: ${reason}`);
  });
  return new Redactor(rules);
}
