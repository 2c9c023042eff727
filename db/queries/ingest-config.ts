// One cheap round trip that tells an ingesting process whether the settings it caches (prices,
// redaction rules, features without bodies) changed, on whichever instance they were edited.
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { resultRows } from '../client';

export interface IngestConfigVersions {
  prices: string;
  rules: string;
  bodyless: string;
}

export async function ingestConfigVersions(db: Db): Promise<IngestConfigVersions> {
  const result = await db.execute(sql`
    select
      (select md5(coalesce(string_agg(p::text, ',' order by p.id), '')) from model_prices p) as prices,
      (select md5(coalesce(string_agg(r::text, ',' order by r.id), '')) from redaction_rules r) as rules,
      (select md5(coalesce(string_agg(f.id::text, ',' order by f.id), '')) from features f where not f.store_bodies) as bodyless`);
  return resultRows<IngestConfigVersions>(result)[0];
}
