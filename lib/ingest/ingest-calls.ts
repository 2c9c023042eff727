// Ingests a batch of calls: validates each item on its own, redacts, costs, and stores the valid
// ones in one transaction (multi-row inserts, ON CONFLICT DO NOTHING for re-sent calls). Rollups
// are not written here: the aggregator adds the stored calls up about once a second, exactly once
// (db/queries/rollup-aggregator.ts), so concurrent batches never queue on rollup rows. Calls older than the retention period are refused; the
// daily partitions the batch needs are made first (lib/calls/partitions.ts). Shared by
// POST /api/v1/calls, the demo data and the tests, so it takes the database as a parameter.
import type { Db } from '@/db';
import { findCallIdsSince } from '@/db/queries/call-partitions';
import { confirmCommitted, insertCallBodies, insertCalls, type NewCall, type NewCallBody } from '@/db/queries/calls';
import { insertFeatureReleases } from '@/db/queries/feature-releases';
import { ensurePartitionsFor, forgetPartitions } from '@/lib/calls/partitions';
import { getRetentionDays, retainedFrom } from '@/lib/calls/retention';
import { MAX_CALLS_PER_BATCH, parseCall, type ValidCall } from '@/lib/validations/call';
import { DAY_MS } from '@/lib/time/units';
import { batchItems } from './batch-envelope';
import { bodyRow, callRow } from './call-rows';
import { createOrFindFeatures, forgetFeatureIds, knownFeatureIds, rememberFeatureIds } from './feature-ids';
import { getIngestConfig } from './ingest-config';
import { mapInSlices } from './slices';
import { rememberReleases, unknownReleases } from './releases';

export interface IngestOptions {
  /** When the batch arrived: the timestamp of calls that carry none. Defaults to now. */
  receivedAt?: Date;
  /** Largest batch accepted; the HTTP API allows MAX_CALLS_PER_BATCH. */
  maxCalls?: number;
}

export interface RejectedCall {
  index: number;
  id?: string;
  errors: string[];
}

export interface IngestResult {
  /** Calls stored by this request. */
  accepted: number;
  /** Valid calls whose id was already stored (or repeated in the batch): stored once, not an error. */
  duplicates: number;
  rejected: RejectedCall[];
}

/** Rows are inserted this many at a time (Postgres allows 65,535 parameters per statement). */
const INSERT_CHUNK = 1000;
/**
 * A call sent without a timestamp is stored at its receipt time, so its re-send would get another
 * ts (and another primary key): such calls count as duplicates when their id was stored this recently.
 */
export const RESEND_WINDOW_MS = DAY_MS;

export async function ingestCalls(db: Db, rawBody: unknown, options: IngestOptions = {}): Promise<IngestResult> {
  const items = batchItems(rawBody, 'calls', options.maxCalls ?? MAX_CALLS_PER_BATCH);
  const receivedAt = options.receivedAt ?? new Date();
  const retentionDays = await getRetentionDays(db);
  const keptFrom = retainedFrom(receivedAt, retentionDays);
  const rejected: RejectedCall[] = [];
  const valid: ValidCall[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  const parsedItems = await mapInSlices(items, parseCall);
  items.forEach((item, index) => {
    const parsed = parsedItems[index];
    if (!parsed.ok) rejected.push({ index, ...idOf(item), errors: parsed.errors });
    else if (parsed.call.timestamp && parsed.call.timestamp < keptFrom) {
      const reason = `timestamp: is older than the ${retentionDays}-day retention period (calls before ${keptFrom.toISOString()} are not kept)`;
      rejected.push({ index, id: parsed.call.id, errors: [reason] });
    } else if (seen.has(parsed.call.id)) repeated++;
    else {
      seen.add(parsed.call.id);
      valid.push(parsed.call);
    }
  });
  if (valid.length === 0) return { accepted: 0, duplicates: repeated, rejected };

  let inserted: number;
  try {
    inserted = await storeCalls(db, valid, receivedAt);
  } catch (err) {
    // A feature deleted since its id was remembered (23503), or a day's partitions dropped since
    // they were made (23514, by retention in another process): forget and try once more.
    const code = postgresCode(err);
    if (code === '23503') forgetFeatureIds(db);
    else if (code === '23514') forgetPartitions(db);
    else throw err;
    inserted = await storeCalls(db, valid, receivedAt);
  }
  return { accepted: inserted, duplicates: repeated + valid.length - inserted, rejected };
}

/** The SQLSTATE of a database error, also when a driver or drizzle wrapped it. */
function postgresCode(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function idOf(item: unknown): { id?: string } {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 200 ? { id } : {};
}

/** Stores the calls in one transaction; returns how many were new. */
async function storeCalls(db: Db, valid: ValidCall[], receivedAt: Date): Promise<number> {
  const config = await getIngestConfig(db);
  const known = knownFeatureIds(db);
  // Everything that needs no database happens before the transaction opens.
  const prepared = await mapInSlices(valid, (call) => {
    const featureId = known.get(call.feature);
    const storeBodies = featureId === undefined || !config.bodyless.has(featureId);
    return { call, row: callRow(call, config, receivedAt), body: bodyRow(call, config, storeBodies) };
  });
  const newKeys = [...new Set(valid.filter((c) => !known.has(c.feature)).map((c) => c.feature))];
  const untimedIds = valid.filter((c) => c.timestamp === undefined).map((c) => c.id);
  // Its own short statement: creating a partition locks the table until it commits.
  await ensurePartitionsFor(
    db,
    prepared.map(({ row }) => row.ts),
  );

  const { insertedIds, created, releases, xid } = await db.transaction(async (tx) => {
    const created = await createOrFindFeatures(tx, newKeys);
    const resent = new Set(await findCallIdsSince(tx, untimedIds, new Date(receivedAt.getTime() - RESEND_WINDOW_MS)));
    const toStore = resent.size ? prepared.filter(({ call }) => !resent.has(call.id)) : prepared;
    const rows: NewCall[] = toStore.map(({ call, row }) => ({
      ...row,
      featureId: known.get(call.feature) ?? created.get(call.feature)!.id,
    }));
    const insertedIds = new Set<string>();
    let xid: string | null = null;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const inserted = await insertCalls(tx, rows.slice(i, i + INSERT_CHUNK));
      for (const id of inserted.ids) insertedIds.add(id);
      xid ??= inserted.xid;
    }
    const bodies: NewCallBody[] = [];
    for (const { call, row, body } of toStore) {
      // A key new to this process may belong to a feature that exists with store_bodies off.
      const keep = created.get(call.feature)?.storeBodies === false ? bodyRow(call, config, false) : body;
      if (keep && insertedIds.has(call.id)) bodies.push({ ...keep, ts: row.ts });
    }
    for (let i = 0; i < bodies.length; i += INSERT_CHUNK) await insertCallBodies(tx, bodies.slice(i, i + INSERT_CHUNK));
    const stored = insertedIds.size === rows.length ? rows : rows.filter((r) => insertedIds.has(r.id));
    const releases = unknownReleases(db, stored);
    await insertFeatureReleases(tx, releases);
    return { insertedIds, created, releases, xid };
  });
  if (xid !== null) await confirmCommitted(db, xid);
  rememberFeatureIds(db, created);
  rememberReleases(db, releases);
  return insertedIds.size;
}
