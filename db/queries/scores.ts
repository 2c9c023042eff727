// Scores that arrive after their call (POST /api/v1/scores; docs/scores.md): stored per call and
// name, the call's score set to the latest, and each change of a call's score recorded for the
// rollup aggregator, which moves it in the rollups exactly once (score_changes).
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../client';

export interface ScoreWrite {
  callId: string;
  name: string;
  value: number;
  comment: string | null;
  source: string | null;
}

export interface WrittenScores {
  /** Indexes (into the items) of the scores stored or changed. */
  stored: number[];
  /** Indexes of scores that were already stored exactly so: nothing changed. */
  duplicates: number[];
  /** Indexes of scores of calls that do not exist (never sent, or dropped by retention). */
  missing: number[];
  /** The transaction's id, when it wrote: the caller confirms the commit (confirmCommitted). */
  xid: string | null;
}

interface CallRow {
  id: string;
  ts: string;
  featureId: number;
  environment: string;
  model: string;
  route: string;
  score: number | null;
}

/**
 * Writes the scores inside the caller's transaction. The calls' rows are locked first, so two
 * requests scoring one call apply one after the other and each change records the score it
 * replaced. Scores are stored as `real`, so a value is compared after rounding to float32.
 */
export async function writeScores(tx: Db, items: ScoreWrite[]): Promise<WrittenScores> {
  const ids = sql`array(select jsonb_array_elements_text(${JSON.stringify([...new Set(items.map((i) => i.callId))])}::jsonb)::uuid)`;
  const calls = new Map(
    resultRows<CallRow>(
      await tx.execute(sql`
        select id, ts::text as ts, feature_id as "featureId", environment, model, route::text as route, score
        from calls where id = any(${ids}) order by id for update`),
    ).map((c) => [c.id, c]),
  );
  const stored = new Map(
    resultRows<{ callId: string; name: string; value: number; comment: string | null; source: string | null }>(
      await tx.execute(sql`
        select call_id as "callId", name, value, comment, source from call_scores
        where call_id = any(${ids})`),
    ).map((s) => [`${s.callId} ${s.name}`, s]),
  );

  const result: WrittenScores = { stored: [], duplicates: [], missing: [], xid: null };
  const writes = new Map<string, ScoreWrite & { callTs: string; featureId: number }>();
  const scoreNow = new Map([...calls.values()].map((c) => [c.id, c.score]));
  items.forEach((item, index) => {
    const call = calls.get(item.callId);
    if (!call) return void result.missing.push(index);
    const key = `${item.callId} ${item.name}`;
    const before = writes.get(key) ?? stored.get(key);
    const value = Math.fround(item.value);
    if (
      before &&
      Math.fround(before.value) === value &&
      before.comment === item.comment &&
      before.source === item.source
    ) {
      return void result.duplicates.push(index);
    }
    writes.set(key, { ...item, value, callTs: call.ts, featureId: call.featureId });
    scoreNow.set(item.callId, value);
    result.stored.push(index);
  });
  if (writes.size === 0) return result;

  await tx.execute(sql`
    insert into call_scores (call_id, name, value, comment, source, call_ts, feature_id)
    select "callId", name, value, comment, source, "callTs", "featureId"
    from jsonb_to_recordset(${JSON.stringify([...writes.values()])}::jsonb)
      as s("callId" uuid, name text, value real, comment text, source text, "callTs" timestamptz, "featureId" integer)
    on conflict (call_id, name) do update set value = excluded.value, comment = excluded.comment,
      source = excluded.source, updated_at = now()`);

  const changed = [...calls.values()]
    .filter((c) => scoreNow.get(c.id) !== c.score)
    .map((c) => ({ ...c, newScore: scoreNow.get(c.id) }));
  if (changed.length > 0) {
    const rows = JSON.stringify(changed);
    await tx.execute(sql`
      update calls set score = s."newScore"
      from jsonb_to_recordset(${rows}::jsonb) as s(id uuid, ts timestamptz, "newScore" real)
      where calls.id = s.id and calls.ts = s.ts`);
    await tx.execute(sql`
      insert into score_changes (call_id, ts, feature_id, environment, model, route, old_score, new_score)
      select id, ts, "featureId", environment, model, route::call_route, score, "newScore"
      from jsonb_to_recordset(${rows}::jsonb)
        as s(id uuid, ts timestamptz, "featureId" integer, environment text, model text, route text, score real, "newScore" real)`);
  }
  const [{ xid }] = resultRows<{ xid: string }>(await tx.execute(sql`select pg_current_xact_id()::text as xid`));
  return { ...result, xid };
}

export interface StoredScore {
  name: string;
  value: number;
  comment: string | null;
  source: string | null;
  updatedAt: Date;
}

/** A call's scores sent after it, oldest change first (the last one is the call's score). */
export async function listCallScores(db: Db, callId: string): Promise<StoredScore[]> {
  return resultRows<StoredScore>(
    await db.execute(sql`
      select name, value, comment, source, updated_at as "updatedAt" from call_scores
      where call_id = ${callId}::uuid order by updated_at, name`),
  ).map((s) => ({ ...s, updatedAt: new Date(s.updatedAt) }));
}
