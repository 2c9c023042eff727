// Helpers for the call-ingestion system tests: build calls, post them, look at what was stored.
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { callBodies, calls } from '@/db/schema';
import { baseUrl, testDatabase } from './system';

export function testCall(fields: Record<string, unknown> = {}): Record<string, unknown> & { id: string } {
  return { id: randomUUID(), feature: 'it-calls', model: 'gpt-4o-mini', latencyMs: 120, ...fields } as Record<
    string,
    unknown
  > & { id: string };
}

export function postCalls(key: string | null, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl()}/api/v1/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function getCall(key: string | null, id: string): Promise<Response> {
  return fetch(`${baseUrl()}/api/v1/calls/${id}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}

/** The ids among `ids` that are stored in the calls table. */
export async function storedIds(ids: string[]): Promise<string[]> {
  const { db } = await testDatabase();
  const rows = await db.select({ id: calls.id }).from(calls).where(inArray(calls.id, ids));
  return rows.map((r) => r.id).sort();
}

export async function storedBodyIds(ids: string[]): Promise<string[]> {
  const { db } = await testDatabase();
  const rows = await db.select({ id: callBodies.callId }).from(callBodies).where(inArray(callBodies.callId, ids));
  return rows.map((r) => r.id).sort();
}

export async function featureExists(key: string): Promise<boolean> {
  const { db } = await testDatabase();
  const result = await db.execute(sql`select 1 from features where key = ${key}`);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows).length > 0;
}

/** Ingesting processes re-check prices, rules and store_bodies at most once a second. */
export const waitForConfigRefresh = () => new Promise((r) => setTimeout(r, 1200));
