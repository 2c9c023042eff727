// The one place the demo seeder writes calls.
//
// TODO(merge): replace the body of `writeCalls` with the real ingestion path, so the demo goes
// through validation, redaction and the price table exactly like real traffic:
//
//   for (let i = 0; i < calls.length; i += 1000) await ingestCalls(db, { calls: calls.slice(i, i + 1000) });
//
// Until then it is a direct batched insert with a small price list and an e-mail/phone mask.
// It inserts with `unnest` over one array per column: drizzle's multi-row `.values()` spends
// ~0.15 ms per row building the statement, which alone would take longer than the whole seed budget.
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { features } from '@/db/schema';
import type { ContractCall } from './types';

const BATCH = 2000;

/** USD per million tokens: input, output, cached input. Stand-in for the price table. */
const PRICES: Record<string, [number, number, number]> = {
  'gpt-4o': [2.5, 10, 1.25],
  'gpt-4o-mini': [0.15, 0.6, 0.075],
  'claude-sonnet-4-20250514': [3, 15, 0.3],
  'claude-3-5-haiku-20241022': [0.8, 4, 0.08],
  'gemini-2.0-flash': [0.1, 0.4, 0.025],
  'mistral-small-latest': [0.1, 0.3, 0.1],
};

function costOf(call: ContractCall): number | null {
  if (call.costUsd !== undefined) return call.costUsd;
  const price = PRICES[call.model];
  if (!price) return null;
  const cached = call.cachedInputTokens ?? 0;
  const input = (call.inputTokens ?? 0) - cached;
  return (input * price[0] + (call.outputTokens ?? 0) * price[1] + cached * price[2]) / 1e6;
}

const mask = (text: string) => text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[EMAIL]').replace(/\+\d[\d ]{8,}\d/g, '[PHONE]');

/**
 * One parameter per column, as a Postgres array literal (`{"a",NULL}`): drizzle would spread a JS
 * array into one parameter per element, and the two drivers disagree on array parameters.
 */
function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`));
  return `{${items.join(',')}}`;
}
const column = <T>(rows: ContractCall[], pick: (c: ContractCall) => T) => arrayLiteral(rows.map(pick));

export async function writeCalls(db: Db, calls: ContractCall[]): Promise<void> {
  const keys = [...new Set(calls.map((c) => c.feature))];
  if (keys.length) await db.insert(features).values(keys.map((key) => ({ key }))).onConflictDoNothing();
  const featureRows = await db.select({ id: features.id, key: features.key }).from(features);
  const featureId = new Map(featureRows.map((f) => [f.key, f.id]));

  for (let i = 0; i < calls.length; i += BATCH) {
    const rows = calls.slice(i, i + BATCH);
    const costs = rows.map(costOf);
    await db.execute(sql`
      insert into calls (id, feature_id, ts, model, provider, outcome, error_type, route, fallback_depth, latency_ms,
        ttft_ms, input_tokens, output_tokens, cached_input_tokens, cost_usd, cost_source, score, user_id, session_id,
        environment, release)
      select * from unnest(
        ${column(rows, (c) => c.id)}::uuid[], ${column(rows, (c) => featureId.get(c.feature))}::int[],
        ${column(rows, (c) => c.timestamp)}::timestamptz[], ${column(rows, (c) => c.model)}::text[],
        ${column(rows, (c) => c.provider ?? null)}::text[], ${column(rows, (c) => c.outcome)}::call_outcome[],
        ${column(rows, (c) => c.errorType ?? null)}::call_error_type[], ${column(rows, (c) => c.route)}::call_route[],
        ${column(rows, (c) => c.fallbackDepth)}::smallint[], ${column(rows, (c) => c.latencyMs)}::int[],
        ${column(rows, (c) => c.ttftMs ?? null)}::int[], ${column(rows, (c) => c.inputTokens ?? null)}::int[],
        ${column(rows, (c) => c.outputTokens ?? null)}::int[], ${column(rows, (c) => c.cachedInputTokens ?? null)}::int[],
        ${arrayLiteral(costs)}::float8[],
        ${arrayLiteral(rows.map((c, j) => (costs[j] === null ? null : c.costUsd !== undefined ? 'client' : 'price_table')))}::text[],
        ${column(rows, (c) => c.score ?? null)}::real[], ${column(rows, (c) => c.userId ?? null)}::text[],
        ${column(rows, (c) => c.sessionId ?? null)}::text[], ${column(rows, (c) => c.environment)}::text[],
        ${column(rows, (c) => c.release ?? null)}::text[])`);

    const bodies = rows.filter((c) => c.prompt !== undefined || c.completion !== undefined || c.metadata);
    if (bodies.length === 0) continue;
    const prompt = (c: ContractCall) =>
      c.prompt === undefined
        ? null
        : JSON.stringify(typeof c.prompt === 'string' ? mask(c.prompt) : c.prompt.map((m) => ({ ...m, content: mask(m.content) })));
    await db.execute(sql`
      insert into call_bodies (call_id, prompt, completion, metadata)
      select id, prompt::jsonb, completion, metadata::jsonb from unnest(
        ${column(bodies, (c) => c.id)}::uuid[], ${column(bodies, prompt)}::text[],
        ${column(bodies, (c) => (c.completion === undefined ? null : mask(c.completion)))}::text[],
        ${column(bodies, (c) => (c.metadata ? JSON.stringify(c.metadata) : null))}::text[]
      ) as b(id, prompt, completion, metadata)`);
  }
}
