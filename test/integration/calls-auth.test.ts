import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { revokeApiKeyById } from '@/lib/api-keys/manage';
import { hashApiKey } from '@/lib/api-keys/token';
import { findActiveApiKeyByHash } from '@/db/queries/api-keys';
import { launchBrowser, signedInPage } from '../support/browser';
import { getCall, postCalls, testCall } from '../support/calls';
import { createTestKey, createTestUser, testDatabase } from '../support/system';

describe('who may send and read calls', () => {
  let ingestKey: string;
  let readKey: string;
  const stored = testCall({ prompt: 'hello' });

  beforeAll(async () => {
    ingestKey = await createTestKey(['ingest'], 'auth-ingest');
    readKey = await createTestKey(['read'], 'auth-read');
    expect((await postCalls(ingestKey, { calls: [stored] })).status).toBe(200);
  });

  it.each([
    ['no Authorization header', null, {}],
    ['another scheme', null, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['an unknown key', 'sb_notarealkeynotarealkeynotarealkey00', {}],
  ])('answers 401 to %s, storing nothing', async (_name, key, headers) => {
    const call = testCall();
    const res = await postCalls(key, { calls: [call] }, headers);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
    const get = await getCall(key, stored.id);
    expect(get.status).toBe(401);
  });

  it('answers 401 to a revoked key', async () => {
    const key = await createTestKey(['ingest', 'read'], 'auth-revoked');
    expect((await postCalls(key, { calls: [testCall()] })).status).toBe(200);
    const { db } = await testDatabase();
    const row = await findActiveApiKeyByHash(db, hashApiKey(key));
    await revokeApiKeyById(db, row!.id, { id: 'test', label: 'test' });
    const res = await postCalls(key, { calls: [testCall()] });
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/revoked/);
    expect((await getCall(key, stored.id)).status).toBe(401);
  });

  it('answers 403 to a key without the needed scope', async () => {
    const post = await postCalls(readKey, { calls: [testCall()] });
    expect(post.status).toBe(403);
    expect((await post.json()).error.message).toMatch(/lacks the "ingest" scope/);
    const get = await getCall(ingestKey, stored.id);
    expect(get.status).toBe(403);
    expect((await get.json()).error.message).toMatch(/lacks the "read" scope/);
  });

  it('reads a call with a read key: 200, then 404 for an unknown id and 400 for a malformed one', async () => {
    const res = await getCall(readKey, stored.id.toUpperCase());
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe(stored.id);
    const missing = await getCall(readKey, randomUUID());
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    const malformed = await getCall(readKey, 'not-a-uuid');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/call ids are UUIDs/);
  });

  describe('signed in to the dashboard', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('a viewer reads a call without a key', async () => {
      const page = await signedInPage(browser, await createTestUser('viewer'));
      const res = await page.request.get(`/api/v1/calls/${stored.id}`);
      expect(res.status()).toBe(200);
      expect((await res.json()).prompt).toBe('hello');
      await page.context().close();
    });
  });

  it('answers 429 with Retry-After when a key sends faster than its rate, and serves it again later', async () => {
    const key = await createTestKey(['ingest'], 'auth-rate');
    let limited: Response | undefined;
    // The default limit is 100 requests/s after a burst of 200: concurrent waves exceed it.
    for (let wave = 0; wave < 20 && !limited; wave++) {
      const responses = await Promise.all(Array.from({ length: 50 }, () => postCalls(key, { calls: [] })));
      limited = responses.find((r) => r.status === 429);
      for (const r of responses) expect([200, 429]).toContain(r.status);
    }
    expect(limited).toBeDefined();
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect((await limited!.json()).error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringMatching(/auth-rate/),
    });
    // Other keys are not affected.
    expect((await postCalls(ingestKey, { calls: [] })).status).toBe(200);
    await new Promise((r) => setTimeout(r, retryAfter * 1000));
    expect((await postCalls(key, { calls: [] })).status).toBe(200);
  });
});
