import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callBodies, features, modelPrices, redactionRules } from '@/db/schema';
import { getCall, postCalls, storedBodyIds, storedIds, testCall, waitForConfigRefresh } from '../support/calls';
import { createTestKey, testDatabase } from '../support/system';

const DAY_MS = 86_400_000;
/** A fixed moment within the retention period (calls older than 30 days are refused). */
const RECENT = new Date(Math.floor((Date.now() - 2 * DAY_MS) / 1000) * 1000);

describe('what is stored with a call', () => {
  let key: string;
  beforeAll(async () => {
    key = await createTestKey(['ingest', 'read'], 'bodies-tests');
  });

  async function ingestAndRead(call: Record<string, unknown> & { id: string }) {
    const res = await postCalls(key, { calls: [call] });
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
    const read = await getCall(key, call.id);
    expect(read.status).toBe(200);
    return read.json();
  }

  it('answers with the ingestion field names, and prompt, completion and metadata redacted', async () => {
    const call = testCall({
      feature: 'it-redaction',
      timestamp: RECENT.toISOString().replace('.000Z', 'Z'),
      provider: 'openai',
      outcome: 'error',
      errorType: 'rate_limit',
      route: 'fallback',
      fallbackDepth: 1,
      ttftMs: 80,
      score: 0.9,
      userId: 'u-1',
      sessionId: 's-1',
      environment: 'staging',
      release: 'prompt-v12',
      prompt: [
        { role: 'system', content: 'Key: sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z' },
        {
          role: 'user',
          content: [{ type: 'text', text: 'I am jane@example.com, card 4111 1111 1111 1111, order 1234567812345678' }],
        },
      ],
      completion: 'Call +1 415 555 2671 from 10.1.2.3',
      metadata: { customerIban: 'DE89 3704 0044 0532 0130 00', attempt: 2 },
    });
    const body = await ingestAndRead(call);
    expect(body).toEqual({
      id: call.id,
      feature: 'it-redaction',
      timestamp: RECENT.toISOString(),
      receivedAt: expect.any(String),
      model: 'gpt-4o-mini',
      provider: 'openai',
      outcome: 'error',
      errorType: 'rate_limit',
      route: 'fallback',
      fallbackDepth: 1,
      latencyMs: 120,
      ttftMs: 80,
      inputTokens: null,
      outputTokens: null,
      cachedInputTokens: null,
      costUsd: null,
      costSource: null,
      score: 0.9,
      scores: [],
      userId: 'u-1',
      sessionId: 's-1',
      environment: 'staging',
      release: 'prompt-v12',
      prompt: [
        { role: 'system', content: 'Key: [SECRET]' },
        { role: 'user', content: [{ type: 'text', text: 'I am [EMAIL], card [CARD], order 1234567812345678' }] },
      ],
      completion: 'Call [PHONE] from [IP]',
      metadata: { customerIban: '[IBAN]', attempt: 2 },
      redactions: { SECRET: 1, EMAIL: 1, CARD: 1, PHONE: 1, IP: 1, IBAN: 1 },
    });
    // The raw row holds no trace of the originals either.
    const { db } = await testDatabase();
    const [row] = await db
      .select({ text: sql<string>`concat(prompt::text, completion, metadata::text)` })
      .from(callBodies)
      .where(eq(callBodies.callId, call.id));
    expect(row.text).not.toMatch(/jane@|4111|415 555|DE89|sk-proj/);
  });

  it('computes the cost from the seeded prices at the call time, and a client cost wins', async () => {
    const usage = { inputTokens: 1000, cachedInputTokens: 400, outputTokens: 200 };
    // gpt-4o-mini: 600 × $0.15 + 400 × $0.075 + 200 × $0.60 per million tokens.
    const computed = await ingestAndRead(testCall({ model: 'gpt-4o-mini-2024-07-18', ...usage }));
    expect(computed).toMatchObject({ costUsd: 0.00024, costSource: 'price_table' });
    // A price cut 10 days ago ($5 / $15 before, $2.50 / $10 after): each call costs the price of its time.
    const { db } = await testDatabase();
    const cutAt = Date.now() - 10 * DAY_MS;
    await db.insert(modelPrices).values([
      {
        provider: 'test',
        modelPattern: 'it-dated-model*',
        inputPerMTok: 5,
        outputPerMTok: 15,
        effectiveFrom: new Date(cutAt - 10 * DAY_MS),
      },
      {
        provider: 'test',
        modelPattern: 'it-dated-model*',
        inputPerMTok: 2.5,
        outputPerMTok: 10,
        effectiveFrom: new Date(cutAt),
      },
    ]);
    await waitForConfigRefresh();
    const before = await ingestAndRead(
      testCall({
        model: 'it-dated-model',
        timestamp: new Date(cutAt - DAY_MS).toISOString(),
        inputTokens: 1000,
        outputTokens: 1000,
      }),
    );
    expect(before).toMatchObject({ costUsd: 0.02, costSource: 'price_table' });
    const after = await ingestAndRead(
      testCall({
        model: 'it-dated-model',
        timestamp: new Date(cutAt + DAY_MS).toISOString(),
        inputTokens: 1000,
        outputTokens: 1000,
      }),
    );
    expect(after).toMatchObject({ costUsd: 0.0125, costSource: 'price_table' });
    const client = await ingestAndRead(testCall({ model: 'gpt-4o-mini', ...usage, costUsd: 0.5 }));
    expect(client).toMatchObject({ costUsd: 0.5, costSource: 'client' });
    const unknown = await ingestAndRead(testCall({ model: 'in-house-llm-7b', ...usage }));
    expect(unknown).toMatchObject({ costUsd: null, costSource: null });
  });

  it('replaces characters Postgres cannot store instead of failing the batch', async () => {
    const body = await ingestAndRead(testCall({ prompt: 'nul\u0000 and lone \ud800', metadata: { 'k\u0000': 'v' } }));
    expect(body.prompt).toBe('nul\ufffd and lone \ufffd');
    expect(body.metadata).toEqual({ 'k\ufffd': 'v' });
  });

  describe('admin redaction rules', () => {
    const names = ['it-ticket', 'it-broken'];
    beforeAll(async () => {
      const { db } = await testDatabase();
      await db.insert(redactionRules).values([
        { name: 'it-ticket', pattern: 'TICKET-\\d{4}', placeholder: 'ticket' },
        { name: 'it-broken', pattern: '(unclosed', placeholder: 'broken' },
      ]);
      await waitForConfigRefresh();
    });
    afterAll(async () => {
      const { db } = await testDatabase();
      await db.delete(redactionRules).where(inArray(redactionRules.name, names));
    });

    it('apply to new calls, and a broken rule is skipped without failing ingestion', async () => {
      const body = await ingestAndRead(testCall({ completion: 'See TICKET-1234 (unclosed', prompt: 'mail a@b.com' }));
      expect(body.completion).toBe('See [TICKET] (unclosed');
      expect(body.redactions).toEqual({ TICKET: 1, EMAIL: 1 });
    });
  });

  describe('features that keep no bodies', () => {
    it('drops prompt and completion of a feature created with store_bodies off, keeping metadata', async () => {
      const { db } = await testDatabase();
      const feature = `it-private-${Date.now()}`;
      await db.insert(features).values({ key: feature, storeBodies: false });
      const withMeta = testCall({ feature, prompt: 'secret plan', completion: 'ok', metadata: { mail: 'x@y.com' } });
      const without = testCall({ feature, prompt: 'secret plan', completion: 'ok' });
      expect((await postCalls(key, { calls: [withMeta, without] })).status).toBe(200);
      expect(await storedIds([withMeta.id, without.id])).toHaveLength(2);
      expect(await storedBodyIds([without.id])).toEqual([]);
      const body = await (await getCall(key, withMeta.id)).json();
      expect(body).toMatchObject({ prompt: null, completion: null, metadata: { mail: '[EMAIL]' } });
    });

    it('stops storing bodies within about a second of store_bodies being switched off', async () => {
      const feature = `it-switch-${Date.now()}`;
      const before = testCall({ feature, prompt: 'kept' });
      expect((await postCalls(key, { calls: [before] })).status).toBe(200);
      expect(await storedBodyIds([before.id])).toEqual([before.id]);
      const { db } = await testDatabase();
      await db.update(features).set({ storeBodies: false }).where(eq(features.key, feature));
      await waitForConfigRefresh();
      const after = testCall({ feature, prompt: 'dropped', completion: 'dropped' });
      expect((await postCalls(key, { calls: [after] })).status).toBe(200);
      expect(await storedIds([after.id])).toEqual([after.id]);
      expect(await storedBodyIds([after.id])).toEqual([]);
    });
  });
});
