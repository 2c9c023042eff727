// The calls explorer's reads: filtered, newest first, keyset-paginated on (ts, id) so that every
// page costs the same however deep it is, and exports can walk a whole range in batches.
import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { callBodies, calls, features } from '../schema';
import { bodiesOfCall, bodyColumns, summaryColumns } from './calls';
import type { CallsCursor, CallsFilters } from '@/lib/validations/calls-query';

/** Free-text search reads bodies row by row: past this it must be narrowed, not left to run. */
export const TEXT_SEARCH_TIMEOUT_MS = 10_000;

export interface ListCallsOptions {
  limit: number;
  cursor?: CallsCursor;
  /** 'snippet': the start of the prompt (for the list); 'full': the redacted bodies (for exports). */
  bodies?: 'none' | 'snippet' | 'full';
}

/** `%`, `_` and `\` match themselves: the text is searched for as written. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function conditions(f: CallsFilters, featureId: number | undefined, cursor?: CallsCursor): SQL[] {
  const where: (SQL | undefined)[] = [
    gte(calls.ts, f.from),
    lt(calls.ts, f.to),
    eq(calls.environment, f.environment),
    featureId !== undefined ? eq(calls.featureId, featureId) : undefined,
    f.model !== undefined ? eq(calls.model, f.model) : undefined,
    f.route !== undefined ? eq(calls.route, f.route) : undefined,
    f.outcome !== undefined ? eq(calls.outcome, f.outcome) : undefined,
    f.errorType !== undefined ? eq(calls.errorType, f.errorType) : undefined,
    f.userId !== undefined ? eq(calls.userId, f.userId) : undefined,
    f.sessionId !== undefined ? eq(calls.sessionId, f.sessionId) : undefined,
    f.release !== undefined ? eq(calls.release, f.release) : undefined,
    f.minCostUsd !== undefined ? gte(calls.costUsd, f.minCostUsd) : undefined,
    f.maxCostUsd !== undefined ? lte(calls.costUsd, f.maxCostUsd) : undefined,
    f.minLatencyMs !== undefined ? gte(calls.latencyMs, f.minLatencyMs) : undefined,
    f.maxLatencyMs !== undefined ? lte(calls.latencyMs, f.maxLatencyMs) : undefined,
    f.q !== undefined
      ? sql`exists (select 1 from call_bodies b where b.call_id = ${calls.id} and b.ts = ${calls.ts}
          and (b.prompt::text ilike ${likePattern(f.q)} or b.completion ilike ${likePattern(f.q)}))`
      : undefined,
  ];
  if (cursor) {
    const cursorTs = sql`(timestamptz 'epoch' + ${cursor.tsMicros}::bigint * interval '1 microsecond')`;
    // The plain `ts <=` lets the ts indexes bound the scan; the row comparison breaks ties by id.
    where.push(sql`${calls.ts} <= ${cursorTs}`, sql`(${calls.ts}, ${calls.id}) < (${cursorTs}, ${cursor.id}::uuid)`);
  }
  return where.filter((c): c is SQL => c !== undefined);
}

const promptSnippet = sql<string | null>`case jsonb_typeof(${callBodies.prompt})
  when 'string' then left(${callBodies.prompt} #>> '{}', 160)
  when 'array' then left(coalesce(${callBodies.prompt} -> -1 ->> 'content', ''), 160) end`;

/** One page of calls matching `filters`, newest first, and the cursor of the next page (null at the end). */
export async function listCalls(db: Db, filters: CallsFilters, options: ListCallsOptions) {
  // The feature's id as a value, not a subquery: the planner then knows how many calls the feature
  // has and reads its index newest first up to the page's end. With a subquery it guessed too few
  // and at 10 M calls chose a parallel scan of all the window's matches and a sort (60 ms, not 1 ms).
  let featureId: number | undefined;
  if (filters.feature !== undefined) {
    const [feature] = await db.select({ id: features.id }).from(features).where(eq(features.key, filters.feature));
    if (!feature) return { rows: [], nextCursor: null };
    featureId = feature.id;
  }
  const run = async (tx: Db) => {
    const base = tx
      .select({
        ...summaryColumns,
        tsMicros: sql<string>`(extract(epoch from ${calls.ts}) * 1000000)::bigint::text`,
        ...(options.bodies === 'full' ? bodyColumns : {}),
        ...(options.bodies === 'snippet' ? { promptSnippet } : {}),
      })
      .from(calls)
      .innerJoin(features, eq(features.id, calls.featureId));
    const joined = options.bodies && options.bodies !== 'none' ? base.leftJoin(callBodies, bodiesOfCall) : base;
    return joined
      .where(and(...conditions(filters, featureId, options.cursor)))
      .orderBy(desc(calls.ts), desc(calls.id))
      .limit(options.limit + 1);
  };
  const rows = filters.q === undefined ? await run(db) : await withTimeout(db, TEXT_SEARCH_TIMEOUT_MS, run);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > options.limit && last ? { tsMicros: last.tsMicros, id: last.id } : null;
  return { rows: page, nextCursor };
}

export type ListedCall = Awaited<ReturnType<typeof listCalls>>['rows'][number];

async function withTimeout<T>(db: Db, ms: number, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = ${Math.floor(ms)}`));
    return fn(tx as unknown as Db);
  });
}

/** Postgres' "canceling statement due to statement timeout". */
export function isStatementTimeout(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '57014') return true;
  }
  return false;
}
