// Helpers for the SLO and alert tests: calls with a known outcome at chosen times, a feature's SLO
// document, its health, and evaluator rounds limited to the test's own features.
import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditLog, killSwitches, features } from '@/db/schema';
import { evaluateAlerts } from '@/lib/alerts/evaluate';
import type { SloDocumentInput } from '@/lib/validations/slo';
import { postCalls, testCall } from './calls';
import { baseUrl, createTestKey, rollupsCaughtUp, testDatabase } from './system';

const MINUTE = 60_000;
const keys: Partial<Record<'ingest' | 'read' | 'config:write', Promise<string>>> = {};
const keyFor = (scope: 'ingest' | 'read' | 'config:write') =>
  (keys[scope] ??= createTestKey([scope], `slo-traffic-${scope}`));

/** `n` calls of `feature` at `at`, with the given fields (outcome, latencyMs, costUsd, …). */
export function callsAt(feature: string, at: Date, n: number, fields: Record<string, unknown> = {}) {
  return Array.from({ length: n }, () => testCall({ feature, timestamp: at.toISOString(), ...fields }));
}

export async function ingest(calls: Record<string, unknown>[]): Promise<void> {
  const key = await keyFor('ingest');
  for (let i = 0; i < calls.length; i += 1000) {
    const batch = calls.slice(i, i + 1000);
    expect(await (await postCalls(key, { calls: batch })).json()).toMatchObject({
      accepted: batch.length,
      rejected: [],
    });
  }
  await rollupsCaughtUp();
}

export async function putSloDocument(feature: string, document: SloDocumentInput): Promise<void> {
  const res = await fetch(`${baseUrl()}/api/v1/features/${feature}/slos`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await keyFor('config:write')}` },
    body: JSON.stringify(document),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

export async function getHealth(feature: string, token?: string): Promise<Response> {
  return fetch(`${baseUrl()}/api/v1/features/${feature}/health`, {
    headers: { authorization: `Bearer ${token ?? (await keyFor('read'))}` },
  });
}

/** A round of the evaluator at `now` over the given features only (others' alerts stay as they are). */
export async function evaluationRound(now: Date, featureKeys: string[]) {
  return evaluateAlerts((await testDatabase()).db, { now, featureKeys });
}

export async function switchOf(feature: string) {
  const { db } = await testDatabase();
  const [row] = await db
    .select({ killed: killSwitches.killed, reason: killSwitches.reason, updatedBy: killSwitches.updatedBy })
    .from(killSwitches)
    .innerJoin(features, eq(features.id, killSwitches.featureId))
    .where(eq(features.key, feature));
  return row ?? null;
}

export async function switchAudit(feature: string) {
  const { db } = await testDatabase();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'switch'), eq(auditLog.targetId, feature)))
    .orderBy(asc(auditLog.id));
}

export const minutesAfter = (t: Date, minutes: number) => new Date(t.getTime() + minutes * MINUTE);
