// GET/PUT /api/v1/features/{key}/slos against the running app and a real database.
import fs from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import { parseAllDocuments } from 'yaml';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, costBudgets, features, slos } from '@/db/schema';
import { launchBrowser, signedInPage } from '../support/browser';
import { createFeature } from '../support/switches';
import { ADMIN, baseUrl, createTestKey, createTestUser, testDatabase } from '../support/system';

const DOC = {
  slos: [
    { name: 'fast-answers', sli: 'latency', measure: 'ttft', thresholdMs: 2000, objective: 0.99, window: '28d' },
    {
      name: 'up',
      sli: 'availability',
      countFallbackAsGood: false,
      objective: 0.995,
      window: '30d',
      environment: 'staging',
    },
    { name: 'correct', sli: 'accuracy', source: 'evals', objective: 0.95, window: '7d' },
    { name: 'cheap', sli: 'cost', maxCostUsd: 0.02, objective: 0.99, window: '30d' },
  ],
  budgets: { dailyUsd: 50, monthlyUsd: 1200, thresholds: [0.5, 0.8, 1] },
  autoTrip: { onPageAlert: true, onBudgetExhausted: false },
};

let readKey: string;
let writeKey: string;
beforeAll(async () => {
  readKey = await createTestKey(['read'], 'slo-reader');
  writeKey = await createTestKey(['config:write'], 'slo-writer');
});

const url = (feature: string, query = '') => `${baseUrl()}/api/v1/features/${encodeURIComponent(feature)}/slos${query}`;
const get = (feature: string, headers: Record<string, string> = {}, key = readKey) =>
  fetch(url(feature), { headers: { authorization: `Bearer ${key}`, ...headers } });
const put = (
  feature: string,
  body: unknown,
  key: string = writeKey,
  query = '',
  headers: Record<string, string> = {},
) =>
  fetch(url(feature, query), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify(body),
  });

/** A PUT with a raw body: YAML by default. */
const putRaw = (
  feature: string,
  body: BodyInit,
  type = 'application/yaml',
  query = '',
  headers: Record<string, string> = {},
) =>
  fetch(url(feature, query), {
    method: 'PUT',
    headers: { 'content-type': type, authorization: `Bearer ${writeKey}`, ...headers },
    body,
  });

/** An OpenSLO fixture (test/fixtures/openslo) for `feature`. */
const openSlo = (name: string, feature: string) =>
  fs.readFileSync(`test/fixtures/openslo/${name}`, 'utf8').replaceAll('service: support-agent', `service: ${feature}`);

async function stored(feature: string) {
  const { db } = await testDatabase();
  const [f] = await db.select().from(features).where(eq(features.key, feature));
  return {
    slos: await db
      .select({
        name: slos.name,
        sli: slos.sli,
        config: slos.config,
        objective: slos.objective,
        windowDays: slos.windowDays,
        environment: slos.environment,
      })
      .from(slos)
      .where(eq(slos.featureId, f.id))
      .orderBy(asc(slos.id)),
    budget: (await db.select().from(costBudgets).where(eq(costBudgets.featureId, f.id)))[0],
    autoTrip: { onPageAlert: f.autoTripOnPageAlert, onBudgetExhausted: f.autoTripOnBudgetExhausted },
  };
}

const audit = async (feature: string) =>
  (await testDatabase()).db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'feature'), eq(auditLog.targetId, feature)))
    .orderBy(asc(auditLog.id));

describe('GET /api/v1/features/{key}/slos', () => {
  it('answers a new feature with the empty document, and 304 for its ETag', async () => {
    const feature = await createFeature('slo-empty');
    const res = await get(feature);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      slos: [],
      budgets: { dailyUsd: null, monthlyUsd: null, thresholds: [0.5, 0.8, 1] },
      autoTrip: { onPageAlert: false, onBudgetExhausted: false },
    });
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get(feature, { 'if-none-match': etag })).status).toBe(304);
  });

  it('answers 404 for an unknown feature, 401 without a key and 403 for a key without read', async () => {
    expect((await get('no-such-feature')).status).toBe(404);
    expect((await fetch(url('no-such-feature'))).status).toBe(401);
    const ingestOnly = await createTestKey(['ingest'], 'slo-ingest');
    expect((await get(await createFeature('slo-403'), {}, ingestOnly)).status).toBe(403);
  });
});

describe('PUT /api/v1/features/{key}/slos', () => {
  it('stores the document in one go, reads it back the same, and audits each change once', async () => {
    const feature = await createFeature('slo-roundtrip');
    const res = await put(feature, DOC);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.changes.map((c: { kind: string }) => c.kind)).toEqual([
      'slo.create',
      'slo.create',
      'slo.create',
      'slo.create',
      'budgets.update',
      'autoTrip.update',
    ]);

    const read = await get(feature);
    const document = await read.json();
    expect(document).toEqual({
      slos: [
        {
          name: 'fast-answers',
          sli: 'latency',
          measure: 'ttft',
          thresholdMs: 2000,
          objective: 0.99,
          window: '28d',
          environment: 'production',
        },
        {
          name: 'up',
          sli: 'availability',
          countFallbackAsGood: false,
          objective: 0.995,
          window: '30d',
          environment: 'staging',
        },
        { name: 'correct', sli: 'accuracy', source: 'evals', objective: 0.95, window: '7d', environment: 'production' },
        { name: 'cheap', sli: 'cost', maxCostUsd: 0.02, objective: 0.99, window: '30d', environment: 'production' },
      ],
      budgets: DOC.budgets,
      autoTrip: DOC.autoTrip,
    });
    expect(body.document).toEqual(document);
    expect(res.headers.get('etag')).toBe(read.headers.get('etag'));
    const rows = await stored(feature);
    expect(rows.slos[0]).toEqual({
      name: 'fast-answers',
      sli: 'latency',
      config: { measure: 'ttft', thresholdMs: 2000 },
      objective: 0.99,
      windowDays: 28,
      environment: 'production',
    });
    expect(rows.budget).toMatchObject({ dailyUsd: 50, monthlyUsd: 1200, thresholds: [0.5, 0.8, 1] });
    expect(rows.autoTrip).toEqual({ onPageAlert: true, onBudgetExhausted: false });

    const entries = await audit(feature);
    expect(entries.map((e) => e.action)).toEqual([
      'slo.create',
      'slo.create',
      'slo.create',
      'slo.create',
      'budgets.update',
      'autoTrip.update',
    ]);
    expect(entries[0]).toMatchObject({ actorLabel: 'key slo-writer', before: null, after: document.slos[0] });
    expect(entries[0].actor).toMatch(/^key:\d+$/);

    // The same document again changes nothing and writes no audit entry.
    const again = await put(feature, document);
    expect((await again.json()).changes).toEqual([]);
    expect(await audit(feature)).toHaveLength(6);

    // Upsert by name, delete the missing: one update, two deletes, with before and after.
    const next = { ...document, slos: [{ ...document.slos[0], thresholdMs: 2500 }, document.slos[3]] };
    const changed = await (await put(feature, next)).json();
    expect(changed.changes.map((c: { kind: string; name?: string }) => `${c.kind} ${c.name}`)).toEqual([
      'slo.update fast-answers',
      'slo.delete up',
      'slo.delete correct',
    ]);
    expect((await stored(feature)).slos.map((s) => s.name)).toEqual(['fast-answers', 'cheap']);
    const [update] = (await audit(feature)).slice(6);
    expect(update).toMatchObject({ action: 'slo.update', before: { thresholdMs: 2000 }, after: { thresholdMs: 2500 } });
  });

  it('refuses an invalid document with 400 and field paths, and changes nothing', async () => {
    const feature = await createFeature('slo-invalid');
    expect((await put(feature, DOC)).status).toBe(200);
    const before = await stored(feature);
    const auditBefore = (await audit(feature)).length;

    const bad = {
      ...DOC,
      slos: [
        { ...DOC.slos[0], name: 'renamed' },
        { ...DOC.slos[1], objective: 99.5 },
        { ...DOC.slos[1], name: 'renamed' },
      ],
      budgets: { dailyUsd: 1 },
    };
    const res = await put(feature, bad);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe('The SLO document is not valid; nothing was changed.');
    expect(error.fieldErrors).toEqual({
      'slos.1.objective': ['Write the objective as a fraction: 0.995 for 99.5%, not 99.5.'],
      'slos.2.name': ['Another SLO is already named "renamed"; names must be unique.'],
    });

    const dupes = await put(feature, { ...DOC, slos: [DOC.slos[0], DOC.slos[0]] });
    expect((await dupes.json()).error.fieldErrors).toEqual({
      'slos.1.name': ['Another SLO is already named "fast-answers"; names must be unique.'],
    });
    const notJson = await fetch(url(feature), {
      method: 'PUT',
      headers: { authorization: `Bearer ${writeKey}` },
      body: '{ slos: ',
    });
    expect(notJson.status).toBe(400);

    expect(await stored(feature)).toEqual(before);
    expect(await audit(feature)).toHaveLength(auditBefore);
  });

  it('answers 404 for an unknown feature and refuses a document naming another feature', async () => {
    expect((await put('no-such-feature', DOC)).status).toBe(404);
    const feature = await createFeature('slo-named');
    expect((await put(feature, { feature, ...DOC })).status).toBe(200);
    const other = await put(feature, { feature: 'other', ...DOC });
    expect(other.status).toBe(400);
    expect((await other.json()).error.fieldErrors.feature[0]).toContain('"other"');
  });

  it('validates without storing on ?dryRun=true, and refuses a stale If-Match with 412', async () => {
    const feature = await createFeature('slo-dry');
    const dry = await (await put(feature, DOC, writeKey, '?dryRun=true')).json();
    expect(dry.changes).toHaveLength(6);
    expect((await stored(feature)).slos).toEqual([]);
    expect(await audit(feature)).toHaveLength(0);

    const etag = (await get(feature)).headers.get('etag')!;
    expect((await put(feature, DOC, writeKey, '', { 'if-match': etag })).status).toBe(200);
    const stale = await put(feature, { ...DOC, slos: [] }, writeKey, '', { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect((await stored(feature)).slos).toHaveLength(4);
  });

  it('needs config:write: a read key gets 403 and a switches:write key too', async () => {
    const feature = await createFeature('slo-scope');
    for (const key of [readKey, await createTestKey(['switches:write'], 'slo-flipper')]) {
      const res = await put(feature, DOC, key);
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toContain('lacks the "config:write" scope');
    }
    expect((await stored(feature)).slos).toEqual([]);
  });

  describe('signed in to the dashboard', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('a viewer reads but cannot PUT; an admin can, audited under their e-mail', async () => {
      const feature = await createFeature('slo-session');
      const viewer = await signedInPage(browser, await createTestUser('viewer'));
      expect((await viewer.request.get(`/api/v1/features/${feature}/slos`)).status()).toBe(200);
      const refused = await viewer.request.put(`/api/v1/features/${feature}/slos`, { data: DOC });
      expect(refused.status()).toBe(403);
      expect((await refused.json()).error.message).toBe('This needs the admin role; you are viewer.');
      expect((await stored(feature)).slos).toEqual([]);
      await viewer.context().close();

      const admin = await signedInPage(browser, ADMIN);
      expect((await admin.request.put(`/api/v1/features/${feature}/slos`, { data: DOC })).status()).toBe(200);
      expect((await stored(feature)).slos).toHaveLength(4);
      expect((await audit(feature))[0].actorLabel).toBe(ADMIN.email);
      await admin.context().close();
    });
  });
});

describe('OpenSLO on /api/v1/features/{key}/slos', () => {
  it('applies multi-document YAML, keeps budgets and auto-trip, and answers it back exactly', async () => {
    const feature = await createFeature('slo-openslo');
    expect((await put(feature, DOC)).status).toBe(200);
    const auditBefore = (await audit(feature)).length;

    const res = await putRaw(feature, openSlo('valid.yaml', feature), 'application/yaml', '', {
      'x-switchboard-reason': 'OpenSLO import',
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.changes.map((c: { kind: string; name?: string }) => `${c.kind} ${c.name}`)).toEqual([
      'slo.update fast-answers',
      'slo.create first-token',
      'slo.update up',
      'slo.create primary-up',
      'slo.update correct',
      'slo.create evals-pass',
    ]);
    expect(body.document.budgets).toEqual(DOC.budgets);
    expect(body.document.autoTrip).toEqual(DOC.autoTrip);
    const rows = await stored(feature);
    expect(rows.slos.map((s) => s.name)).toEqual([
      'fast-answers',
      'up',
      'correct',
      'cheap',
      'first-token',
      'primary-up',
      'evals-pass',
    ]);
    expect(rows.budget).toMatchObject({ dailyUsd: 50, monthlyUsd: 1200 });
    expect(rows.autoTrip).toEqual(DOC.autoTrip);
    const entries = (await audit(feature)).slice(auditBefore);
    expect(entries).toHaveLength(6);
    expect(entries.every((e) => e.action.startsWith('slo.') && e.reason === 'OpenSLO import')).toBe(true);

    // Read back as OpenSLO: the SLOs in the order they were created, every default written out.
    const json = await get(feature);
    const yaml = await fetch(url(feature, '?format=openslo'), { headers: { authorization: `Bearer ${readKey}` } });
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(yaml.headers.get('etag')).toBe(json.headers.get('etag'));
    const text = await yaml.text();
    const names = parseAllDocuments(text).map((d) => (d.toJS() as { metadata: { name: string } }).metadata.name);
    expect(names).toEqual(rows.slos.map((s) => s.name));

    // What it answers applies as it is, changing nothing; so does the same as a JSON list.
    expect((await (await putRaw(feature, text)).json()).changes).toEqual([]);
    const asJson = JSON.stringify(parseAllDocuments(text).map((d) => d.toJS()));
    expect((await (await putRaw(feature, asJson, 'application/json')).json()).changes).toEqual([]);
    expect(await audit(feature)).toHaveLength(auditBefore + 6);

    // A feature whose SLOs are exactly the fixture answers the fixture byte for byte.
    const exact = await createFeature('slo-openslo-exact');
    expect((await putRaw(exact, openSlo('valid.yaml', exact))).status).toBe(200);
    const back = await fetch(url(exact, '?format=openslo'), { headers: { authorization: `Bearer ${readKey}` } });
    expect(await back.text()).toBe(openSlo('valid.yaml', exact));
    expect((await stored(exact)).budget).toBeUndefined();
  });

  it('refuses what it cannot keep, another service, garbage and oversized bodies with 4xx, and changes nothing', async () => {
    const feature = await createFeature('slo-openslo-bad');
    expect((await put(feature, DOC)).status).toBe(200);
    const before = await stored(feature);
    const auditBefore = (await audit(feature)).length;

    const refused = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const { error } = await res.json();
      expect(typeof error.code).toBe('string');
      expect(typeof error.message).toBe('string');
      return error as { code: string; message: string; fieldErrors?: Record<string, string[]> };
    };

    const timeslices = await refused(await putRaw(feature, openSlo('timeslices.yaml', feature)), 400);
    expect(timeslices.message).toBe('The OpenSLO documents are not valid; nothing was changed.');
    expect(timeslices.fieldErrors!['0.spec.budgetingMethod']).toEqual([
      'Only "Occurrences" is supported (good events of all events), not "Timeslices".',
    ]);
    const foreign = await refused(await putRaw(feature, openSlo('foreign.yaml', feature)), 400);
    expect(Object.keys(foreign.fieldErrors!)).toEqual(
      expect.arrayContaining(['0.spec.indicator.spec.thresholdMetric', '0.spec.alertPolicies', '0.spec.objectives']),
    );
    const kinds = await refused(await putRaw(feature, openSlo('other-kinds.yaml', feature)), 400);
    expect(kinds.fieldErrors!['0.kind']![0]).toContain('kind Service is not applied');

    // Another service: the fixture names support-agent, the URL this feature.
    const other = await refused(await putRaw(feature, fs.readFileSync('test/fixtures/openslo/valid.yaml')), 400);
    expect(other.fieldErrors!['0.spec.service']![0]).toBe(
      `This SLO is for "support-agent" but is applied to the feature "${feature}": spec.service must name the feature.`,
    );
    expect(
      (await refused(await put(feature, [{ apiVersion: 'openslo/v1', kind: 'SLO' }]), 400)).fieldErrors,
    ).toHaveProperty(['0.metadata']);

    // Garbage.
    expect((await refused(await putRaw(feature, 'slos: [\n'), 400)).code).toBe('invalid_yaml');
    expect((await refused(await putRaw(feature, new Uint8Array([0xff, 0xfe, 0x00, 0x41])), 400)).code).toBe(
      'invalid_yaml',
    );
    expect((await refused(await putRaw(feature, '['.repeat(100_000) + ']'.repeat(100_000)), 400)).message).toBe(
      'The YAML nests more than 64 levels of [ ] or { }.',
    );
    expect((await refused(await putRaw(feature, '- '.repeat(50_000) + 'x'), 400)).code).toBe('invalid_yaml');
    const bomb = ['l0: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `l${i}: &${'a'.repeat(i + 1)} [${Array(9)
          .fill(`*${'a'.repeat(i)}`)
          .join(', ')}]`,
      );
    expect((await refused(await putRaw(feature, bomb.join('\n')), 400)).code).toBe('invalid_yaml');
    expect((await refused(await putRaw(feature, ''), 400)).message).toBe('The body holds no YAML document.');
    await refused(await putRaw(feature, '- 1\n- two\n'), 400);
    await refused(await putRaw(feature, 'just a string'), 400);
    await refused(await putRaw(feature, '[]', 'application/json'), 400);
    await refused(await putRaw(feature, '[1e999999, null]', 'application/json'), 400);
    await refused(await putRaw(feature, '{"apiVersion": "openslo/v1", "kind": "SLO"', 'application/json'), 400);

    // Oversized: past 256 KB.
    const huge = `${openSlo('valid.yaml', feature)}# ${'x'.repeat(300 * 1024)}\n`;
    expect((await refused(await putRaw(feature, huge), 413)).code).toBe('too_large');

    // A stale If-Match and a dry run apply to OpenSLO as to our document.
    const etag = (await get(feature)).headers.get('etag')!;
    expect((await put(feature, { ...DOC, autoTrip: { onPageAlert: false } })).status).toBe(200);
    await refused(
      await putRaw(feature, openSlo('valid.yaml', feature), 'application/yaml', '', { 'if-match': etag }),
      412,
    );
    const dry = await putRaw(feature, openSlo('valid.yaml', feature), 'application/yaml', '?dryRun=true');
    expect(dry.status).toBe(200);
    expect((await dry.json()).changes.length).toBeGreaterThan(0);

    expect((await stored(feature)).slos).toEqual(before.slos);
    expect((await stored(feature)).budget).toEqual(before.budget);
    expect(await audit(feature)).toHaveLength(auditBefore + 1); // the autoTrip change above, nothing else
  });

  it('answers 404 for an unknown feature, 403 to a read key, and 400 to an unknown format', async () => {
    expect((await putRaw('no-such-feature', openSlo('valid.yaml', 'no-such-feature'))).status).toBe(404);
    const feature = await createFeature('slo-openslo-scope');
    const readOnly = await fetch(url(feature), {
      method: 'PUT',
      headers: { 'content-type': 'application/yaml', authorization: `Bearer ${readKey}` },
      body: openSlo('valid.yaml', feature),
    });
    expect(readOnly.status).toBe(403);
    expect((await stored(feature)).slos).toEqual([]);
    const format = await fetch(url(feature, '?format=xml'), { headers: { authorization: `Bearer ${readKey}` } });
    expect(format.status).toBe(400);
    expect((await format.json()).error.message).toContain('format must be');
    const empty = await fetch(url(feature, '?format=openslo'), { headers: { authorization: `Bearer ${readKey}` } });
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');
  });
});
