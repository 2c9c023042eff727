import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, features, killSwitches } from '@/db/schema';
import { createFeature } from '../support/switches';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

interface Doc {
  version: number;
  switches: {
    feature: string;
    killed: boolean;
    reason: string | null;
    updatedAt: string | null;
    updatedBy: string | null;
  }[];
}

let readKey: string;
let writeKey: string;

beforeAll(async () => {
  readKey = await createTestKey(['switches:read'], 'switch-reader');
  writeKey = await createTestKey(['switches:write'], 'switch-writer');
});

const getSwitches = (headers: Record<string, string> = {}) =>
  fetch(`${baseUrl()}/api/v1/switches`, { headers: { authorization: `Bearer ${readKey}`, ...headers } });

const put = (feature: string, body: unknown, key: string | null = writeKey) =>
  fetch(`${baseUrl()}/api/v1/switches/${encodeURIComponent(feature)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function auditRows(feature: string) {
  const { db } = await testDatabase();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'switch'), eq(auditLog.targetId, feature)));
}

async function switchRow(feature: string) {
  const { db } = await testDatabase();
  const [row] = await db
    .select({ killed: killSwitches.killed, reason: killSwitches.reason, version: killSwitches.version })
    .from(killSwitches)
    .innerJoin(features, eq(features.id, killSwitches.featureId))
    .where(eq(features.key, feature));
  return row;
}

describe('GET /api/v1/switches', () => {
  it('refuses a request without a key or session', async () => {
    const res = await fetch(`${baseUrl()}/api/v1/switches`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });

  it('refuses a key without switches:read', async () => {
    const res = await getSwitches({ authorization: `Bearer ${await createTestKey(['ingest'])}` });
    expect(res.status).toBe(403);
  });

  it('lists a feature that was never flipped as live, with an ETag that answers 304 until a flip', async () => {
    const feature = await createFeature('api-etag');
    const res = await getSwitches();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"v\d+-[\w-]+"$/);
    const doc = (await res.json()) as Doc;
    expect(doc.switches.find((s) => s.feature === feature)).toEqual({
      feature,
      killed: false,
      reason: null,
      updatedAt: null,
      updatedBy: null,
    });

    const unchanged = await getSwitches({ 'if-none-match': etag! });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(await unchanged.text()).toBe('');

    expect((await put(feature, { killed: true, reason: 'Provider outage' })).status).toBe(200);
    const changed = await getSwitches({ 'if-none-match': etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const after = (await changed.json()) as Doc;
    expect(after.version).toBeGreaterThan(doc.version);
    expect(after.switches.find((s) => s.feature === feature)).toMatchObject({
      killed: true,
      reason: 'Provider outage',
    });
  });

  it('changes the ETag when a new feature appears, though no switch flipped', async () => {
    const etag = (await getSwitches()).headers.get('etag')!;
    await createFeature('api-new');
    expect((await getSwitches({ 'if-none-match': etag })).status).toBe(200);
  });
});

describe('PUT /api/v1/switches/{feature}', () => {
  it('kills a feature with a switches:write key and writes the audit entry in the same go', async () => {
    const feature = await createFeature('api-kill');
    const res = await put(feature, { killed: true, reason: '  Cost spike on gpt-4o  ' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      feature,
      killed: true,
      reason: 'Cost spike on gpt-4o',
      updatedBy: 'key switch-writer',
      changed: true,
    });
    expect(Date.now() - Date.parse(body.updatedAt)).toBeLessThan(60_000);
    expect(await switchRow(feature)).toEqual({ killed: true, reason: 'Cost spike on gpt-4o', version: body.version });

    const audit = await auditRows(feature);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'switch.flip',
      actorLabel: 'key switch-writer',
      before: { killed: false, reason: null },
      after: { killed: true, reason: 'Cost spike on gpt-4o' },
      reason: 'Cost spike on gpt-4o',
    });
    expect(audit[0].actor).toMatch(/^key:\d+$/);

    const history = await fetch(`${baseUrl()}/api/v1/switches/${feature}/history`, {
      headers: { authorization: `Bearer ${readKey}` },
    });
    expect(history.status).toBe(200);
    expect((await history.json()).entries).toEqual([
      expect.objectContaining({
        by: 'key switch-writer',
        from: { killed: false, reason: null },
        to: { killed: true, reason: 'Cost spike on gpt-4o' },
      }),
    ]);
  });

  it('answers changed: false and records nothing when the switch already is in that state', async () => {
    const feature = await createFeature('api-same');
    const first = await (await put(feature, { killed: true, reason: 'Bad outputs' })).json();
    const again = await put(feature, { killed: true, reason: 'Someone else saw it too' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      changed: false,
      killed: true,
      reason: 'Bad outputs',
      version: first.version,
    });
    expect(await auditRows(feature)).toHaveLength(1);

    const restore = await (await put(feature, { killed: false, reason: 'Fix deployed' })).json();
    expect(restore).toMatchObject({ changed: true, killed: false, reason: 'Fix deployed' });
    expect(restore.version).toBeGreaterThan(first.version);
    expect(await auditRows(feature)).toHaveLength(2);
  });

  it('lets exactly one of several simultaneous identical flips through', async () => {
    const feature = await createFeature('api-race');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        put(feature, { killed: true, reason: `Responder ${i} saw it` }).then((r) => r.json()),
      ),
    );
    expect(answers.filter((a) => a.changed)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.version)).size).toBe(1);
    expect(await auditRows(feature)).toHaveLength(1);
  });

  it('refuses a missing key (401), a bad key (401) and a key without switches:write (403)', async () => {
    const feature = await createFeature('api-auth');
    const body = { killed: true, reason: 'Provider outage' };
    expect((await put(feature, body, null)).status).toBe(401);
    expect((await put(feature, body, 'sb_not-a-real-key')).status).toBe(401);
    const wrongScope = await put(feature, body, readKey);
    expect(wrongScope.status).toBe(403);
    expect((await wrongScope.json()).error.message).toContain('switches:write');
    expect(await switchRow(feature)).toBeUndefined();
    expect(await auditRows(feature)).toHaveLength(0);
  });

  it('refuses bad bodies with field errors and changes nothing', async () => {
    const feature = await createFeature('api-bad');
    const cases: [unknown, string[]][] = [
      [{}, ['killed', 'reason']],
      [{ killed: 'yes', reason: 'Provider outage' }, ['killed']],
      [{ killed: true }, ['reason']],
      [{ killed: true, reason: '  ab  ' }, ['reason']],
      [{ killed: true, reason: 'x'.repeat(501) }, ['reason']],
      [{ killed: true, reason: 'Provider outage', until: 'tomorrow' }, ['_']],
      [[true, 'Provider outage'], ['_']],
    ];
    for (const [body, fields] of cases) {
      const res = await put(feature, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('invalid_request');
      expect(Object.keys(error.fieldErrors).sort(), JSON.stringify(body)).toEqual(fields.sort());
    }
    const notJson = await put(feature, '{"killed": true,');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe('invalid_json');
    const tooLarge = await put(feature, JSON.stringify({ killed: true, reason: 'x'.repeat(20_000) }));
    expect(tooLarge.status).toBe(413);

    expect(await switchRow(feature)).toBeUndefined();
    expect(await auditRows(feature)).toHaveLength(0);
  });

  it('finds features whose keys need escaping in a URL', async () => {
    const feature = await createFeature('api checkout/v2 ünïcode');
    const res = await put(feature, { killed: true, reason: 'Bad outputs' });
    expect(res.status).toBe(200);
    expect((await res.json()).feature).toBe(feature);
  });

  it('answers 404 for a feature that does not exist', async () => {
    const res = await put('no-such-feature-here', { killed: true, reason: 'Provider outage' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
    expect(await auditRows('no-such-feature-here')).toHaveLength(0);
  });
});

describe('GET /api/v1/switches/{feature}', () => {
  it('answers one switch to a switches:read key, with the security headers of every answer', async () => {
    const feature = await createFeature('api-one');
    await put(feature, { killed: true, reason: 'Provider outage' });
    const res = await fetch(`${baseUrl()}/api/v1/switches/${feature}?fresh=1`, {
      headers: { authorization: `Bearer ${readKey}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ feature, killed: true, reason: 'Provider outage' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await fetch(`${baseUrl()}/api/v1/switches/no-such-feature-here`, {
      headers: { authorization: `Bearer ${readKey}` },
    });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });

  it("refuses a path that is not valid percent-encoded UTF-8 with the API's JSON 400", async () => {
    const res = await fetch(`${baseUrl()}/api/v1/switches/%ff`, { headers: { authorization: `Bearer ${readKey}` } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_request');
  });
});

describe('the audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const feature = await createFeature('api-audit');
    await put(feature, { killed: true, reason: 'Provider outage' });
    const { db } = await testDatabase();
    // drizzle wraps the driver's error; Postgres' own message is its cause.
    const refusal = (query: ReturnType<typeof sql>) =>
      db.execute(query).then(
        () => 'allowed',
        (err: Error) => String((err.cause as Error | undefined)?.message ?? err.message),
      );
    expect(await refusal(sql`update audit_log set reason = 'rewritten' where target_id = ${feature}`)).toBe(
      'audit_log is append-only',
    );
    expect(await refusal(sql`delete from audit_log where target_id = ${feature}`)).toBe('audit_log is append-only');
    expect(await refusal(sql`truncate audit_log`)).toBe('audit_log is append-only');
    expect((await auditRows(feature))[0].reason).toBe('Provider outage');
  });
});
