// Issue 7, item 7: every change that matters lands in the append-only audit log with its actor,
// and nothing (the app or a direct query) can rewrite or remove an entry.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, gt, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, users } from '@/db/schema';
import { createApiKey, revokeApiKeyById } from '@/lib/api-keys/manage';
import { changeUserRole, createUser, setUserDisabled, setUserPassword } from '@/lib/users/manage';
import { evalResult, evalRun, uploadEvalRun } from '../support/evals';
import { createFeature } from '../support/switches';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

async function lastAuditId(): Promise<number> {
  const { db } = await testDatabase();
  const [row] = await db.select({ max: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
  return row.max;
}

async function entriesSince(id: number) {
  const { db } = await testDatabase();
  return db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(auditLog.id);
}

async function keyId(key: string): Promise<string> {
  const { db } = await testDatabase();
  const [row] = await db
    .select({ id: sql<number>`id` })
    .from(sql`api_keys`)
    .where(sql`hash = encode(sha256(${key}::bytea), 'hex')`);
  return `key:${row.id}`;
}

describe('the audit log records', () => {
  it('switch flips, SLO and budget changes and baseline changes made through the API, with the key as actor and the reason', async () => {
    const feature = await createFeature('audit');
    const flipper = await createTestKey(['switches:write'], 'audit-flipper');
    const config = await createTestKey(['config:write'], 'audit-config');
    const since = await lastAuditId();

    const flip = await fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${flipper}`, 'content-type': 'application/json' },
      body: JSON.stringify({ killed: true, reason: 'Provider outage, audit test' }),
    });
    expect(flip.status).toBe(200);

    const putSlos = (document: unknown, reason: string) =>
      fetch(`${baseUrl()}/api/v1/features/${feature}/slos`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${config}`,
          'content-type': 'application/json',
          'x-switchboard-reason': encodeURIComponent(reason),
        },
        body: JSON.stringify(document),
      });
    const slo = { name: 'up', sli: 'availability', objective: 0.99, window: '30d' };
    expect((await putSlos({ slos: [slo], budgets: { dailyUsd: 50 } }, 'First SLO for the launch')).status).toBe(200);
    expect(
      (
        await putSlos(
          { slos: [{ ...slo, objective: 0.995 }], budgets: { dailyUsd: 60 } },
          'Q3 review — tighter, 20% more budget',
        )
      ).status,
    ).toBe(200);
    const tooLong = await putSlos({ slos: [] }, 'x'.repeat(501));
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.message).toBe('X-Switchboard-Reason is 501 characters; keep it under 500.');

    const run = await uploadEvalRun(evalRun(feature, [evalResult('greets', true)]));
    const baseline = await fetch(`${baseUrl()}/api/v1/eval-runs/${run.id}/baseline`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${config}`, 'x-switchboard-reason': 'Release 2.4 accepted' },
    });
    expect(baseline.status).toBe(200);

    const entries = await entriesSince(since);
    const flipperId = await keyId(flipper);
    const configId = await keyId(config);
    expect(entries.find((e) => e.action === 'switch.flip' && e.targetId === feature)).toMatchObject({
      actor: flipperId,
      actorLabel: 'key audit-flipper',
      reason: 'Provider outage, audit test',
      after: expect.objectContaining({ killed: true }),
    });
    const ofFeature = entries
      .filter((e) => e.targetType === 'feature' && e.targetId === feature)
      .map((e) => [e.action, e.actor, e.reason]);
    expect(ofFeature).toEqual([
      ['slo.create', configId, 'First SLO for the launch'],
      ['budgets.update', configId, 'First SLO for the launch'],
      ['slo.update', configId, 'Q3 review — tighter, 20% more budget'],
      ['budgets.update', configId, 'Q3 review — tighter, 20% more budget'],
    ]);
    expect(entries.find((e) => e.action === 'eval_run.baseline' && e.targetId === String(run.id))).toMatchObject({
      actor: configId,
      reason: 'Release 2.4 accepted',
      after: { baselineRunId: run.id, feature },
    });
  });

  it('key and user changes, with the acting user', async () => {
    const { db } = await testDatabase();
    const admin = { id: 'user:1', label: 'admin@example.test', userId: 1 };
    const since = await lastAuditId();
    const key = await createApiKey(db, { name: 'audit-key', scopes: ['read'] }, admin);
    await revokeApiKeyById(db, key.id, admin);
    const email = `audit-${Date.now().toString(36)}@example.test`;
    const { id } = await createUser(db, { email, password: 'a long password', role: 'viewer' }, admin);
    await changeUserRole(db, { userId: id, role: 'responder' }, admin);
    await setUserDisabled(db, { userId: id, disabled: true }, admin);
    await setUserDisabled(db, { userId: id, disabled: false }, admin);
    await setUserPassword(db, { userId: id, password: 'another long password' }, admin);

    const entries = (await entriesSince(since)).map((e) => ({
      action: e.action,
      targetId: e.targetId,
      actor: e.actor,
      actorLabel: e.actorLabel,
    }));
    const by = { actor: 'user:1', actorLabel: 'admin@example.test' };
    expect(entries).toEqual(
      expect.arrayContaining([
        { action: 'api_key.create', targetId: String(key.id), ...by },
        { action: 'api_key.revoke', targetId: String(key.id), ...by },
        { action: 'user.create', targetId: String(id), ...by },
        { action: 'user.role_change', targetId: String(id), ...by },
        { action: 'user.disable', targetId: String(id), ...by },
        { action: 'user.enable', targetId: String(id), ...by },
        { action: 'user.password_change', targetId: String(id), ...by },
      ]),
    );
    // No secret in the log: neither the key nor the password.
    const raw = JSON.stringify(await entriesSince(since));
    expect(raw).not.toContain(key.key);
    expect(raw).not.toContain('another long password');
    const [user] = await db.select().from(users).where(eq(users.id, id));
    expect(raw).not.toContain(user.passwordHash);
  });
});

/** The database's own message for a refused statement (drizzle wraps it as the cause). */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    return cause?.message ?? (err as Error).message;
  }
  return 'not refused';
}

describe('the audit log is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, even as the table owner', async () => {
    const { db } = await testDatabase();
    const [entry] = await db.select().from(auditLog).limit(1);
    expect(entry).toBeDefined();
    expect(await refusal(db.update(auditLog).set({ reason: 'rewritten' }).where(eq(auditLog.id, entry.id)))).toBe(
      'audit_log is append-only',
    );
    expect(await refusal(db.delete(auditLog).where(eq(auditLog.id, entry.id)))).toBe('audit_log is append-only');
    expect(await refusal(db.execute(sql`truncate audit_log`))).toBe('audit_log is append-only');
    const [after] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.id, entry.id)));
    expect(after).toEqual(entry);
  });

  it('has no code path in the app that updates or deletes it', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, item.name);
        if (item.isDirectory()) walk(full);
        else if (/\.(ts|tsx|mts|sql)$/.test(item.name)) {
          const text = fs.readFileSync(full, 'utf8');
          if (/\.(update|delete)\(auditLog\)|(update|delete\s+from|truncate)\s+"?audit_log/i.test(text))
            offenders.push(path.relative(root, full));
        }
      }
    };
    for (const dir of ['app', 'lib', 'db/queries', 'components']) walk(path.join(root, dir));
    expect(offenders).toEqual([]);
  });
});
