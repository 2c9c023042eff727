import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureExists, postCalls, storedIds, testCall } from '../support/calls';
import { createTestKey, testDatabase } from '../support/system';

describe('POST /api/v1/calls', () => {
  let key: string;
  beforeAll(async () => {
    key = await createTestKey(['ingest'], 'ingest-tests');
  });

  it('stores a batch, creates features on first sight, and answers 200 with the counts', async () => {
    const feature = `it-new-${Date.now()}`;
    const batch = [testCall({ feature }), testCall({ feature, outcome: 'error', errorType: 'timeout' }), testCall()];
    const res = await postCalls(key, { calls: batch });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    expect(await storedIds(batch.map((c) => c.id))).toEqual(batch.map((c) => c.id).sort());
    expect(await featureExists(feature)).toBe(true);
  });

  it('stores a re-sent call once and reports it as a duplicate, not an error', async () => {
    const batch = [testCall(), testCall()];
    expect(await (await postCalls(key, { calls: batch })).json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const again = [...batch, testCall()];
    const res = await postCalls(key, { calls: [...again, again[2]] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 3, rejected: [] });
    const { db } = await testDatabase();
    const rows = await db.execute(
      sql`select count(*)::int as n from calls where id in (${sql.join(
        again.map((c) => sql`${c.id}::uuid`),
        sql`, `,
      )})`,
    );
    expect((Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows)[0]).toEqual({ n: 3 });
  });

  it('stores the valid calls of a mixed batch and lists each invalid one with its reasons (207)', async () => {
    const good = [testCall(), testCall()];
    const bad = [testCall({ latencyMs: 'slow' }), testCall({ promptt: 'typo', model: 'm'.repeat(201) })];
    const res = await postCalls(key, {
      calls: [good[0], bad[0], bad[1], good[1], { feature: 'it-calls' }, 'not a call'],
    });
    expect(res.status).toBe(207);
    const body = await res.json();
    expect(body.accepted).toBe(2);
    expect(body.duplicates).toBe(0);
    expect(body.rejected).toEqual([
      { index: 1, id: bad[0].id, errors: ['latencyMs: must be a number, got "slow"'] },
      {
        index: 2,
        id: bad[1].id,
        errors: [
          'model: must be at most 200 characters',
          'unknown field "promptt": the call contract has no such field',
        ],
      },
      { index: 4, errors: ['id: is required', 'model: is required', 'latencyMs: is required'] },
      { index: 5, errors: ['must be an object, got "not a call"'] },
    ]);
    expect(await storedIds([...good, ...bad].map((c) => c.id))).toEqual(good.map((c) => c.id).sort());
  });

  it('stores nothing when every call is invalid, and answers 400 with the reasons', async () => {
    const feature = `it-never-${Date.now()}`;
    const batch = [testCall({ feature, score: 7 }), testCall({ feature, errorType: 'timeout' })];
    const res = await postCalls(key, { calls: batch });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_calls');
    expect(body.accepted).toBe(0);
    expect(body.rejected.map((r: { errors: string[] }) => r.errors)).toEqual([
      ['score: must be at most 1'],
      ['errorType: is only allowed when outcome is "error"'],
    ]);
    expect(await storedIds(batch.map((c) => c.id))).toEqual([]);
    expect(await featureExists(feature)).toBe(false);
  });

  it('accepts an empty batch', async () => {
    const res = await postCalls(key, { calls: [] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
  });

  it.each([
    ['malformed JSON', '{"calls": [', 'invalid_json', /not valid JSON/],
    ['an empty body', '', 'invalid_json', /not valid JSON/],
    ['a JSON array', '[]', 'invalid_request', /must be a JSON object/],
    ['calls that are not an array', '{"calls": {"id": 1}}', 'invalid_request', /"calls" must be an array/],
    ['a missing calls field', '{}', 'invalid_request', /"calls" must be an array/],
    ['an unknown top-level field', '{"calls": [], "sdk": "1.0"}', 'invalid_request', /Unknown field "sdk"/],
  ])('answers 400 to %s', async (_name, body, code, message) => {
    const res = await postCalls(key, body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe(code);
    expect(json.error.message).toMatch(message);
  });

  it('refuses more than 1,000 calls and stores none of them', async () => {
    const batch = Array.from({ length: 1001 }, () => testCall());
    const res = await postCalls(key, { calls: batch });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('too_many_calls');
    expect(body.error.message).toMatch(/at most 1000 calls; this one has 1001/);
    expect(await storedIds([batch[0].id, batch[1000].id])).toEqual([]);
  });

  it('answers 413 to a body over 5 MB, with or without a Content-Length', async () => {
    const big = JSON.stringify({ calls: [testCall({ completion: 'x'.repeat(6 * 1024 * 1024) })] });
    const declared = await postCalls(key, big);
    expect(declared.status).toBe(413);
    // The unread rest of the upload must not be taken for the next request on this connection.
    expect(declared.headers.get('connection')).toBe('close');
    expect((await declared.json()).error.message).toMatch(/larger than 5 MB/);

    const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 7) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${(await import('../support/system')).baseUrl()}/api/v1/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  describe('when the database fails during the transaction', () => {
    const model = `it-explode-${randomUUID().slice(0, 8)}`;
    beforeAll(async () => {
      const { db } = await testDatabase();
      // Fails the insert of one call in the batch; 57P01 is what Postgres sends when it shuts down.
      await db.execute(
        sql.raw(`
        create or replace function it_explode() returns trigger language plpgsql as $$
        begin
          if new.model = '${model}' then raise exception 'it_explode' using errcode = '57P01'; end if;
          return new;
        end $$;
        create trigger it_explode before insert on calls for each row execute function it_explode();`),
      );
    });
    afterAll(async () => {
      const { db } = await testDatabase();
      await db.execute(sql.raw('drop trigger if exists it_explode on calls; drop function if exists it_explode();'));
    });

    it('answers 503 with Retry-After and stores no part of the batch', async () => {
      const feature = `it-rollback-${Date.now()}`;
      const batch = [testCall({ feature, prompt: 'hello' }), testCall({ feature, model }), testCall({ feature })];
      const res = await postCalls(key, { calls: batch });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect((await res.json()).error.code).toBe('unavailable');
      expect(await storedIds(batch.map((c) => c.id))).toEqual([]);
      expect(await featureExists(feature)).toBe(false);
    });
  });
});
