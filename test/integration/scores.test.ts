// Scores after the call (POST /api/v1/scores): stored per call and name, idempotent, redacted; the
// call's score becomes the latest; and the rollups the SLOs and charts read move with it exactly
// once — equal to a rebuild from the raw calls, also when scores race each other and the
// aggregator.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '@/db/client';
import { rebuildRollups } from '@/lib/rollups/rebuild';
import { createSwitchboard, model } from '@/lib/sdk/index';
import { getCall, postCalls, testCall } from '../support/calls';
import { baseUrl, createTestKey, rollupsCaughtUp, testDatabase } from '../support/system';

let ingestKey: string;
let readKey: string;
beforeAll(async () => {
  ingestKey = await createTestKey(['ingest'], 'scores');
  readKey = await createTestKey(['read'], 'scores-read');
});

const postScores = (body: unknown, key: string | null = ingestKey) =>
  fetch(`${baseUrl()}/api/v1/scores`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });

/** Score figures of a feature's rollups, per table: what the aggregator wrote. */
async function scoreRollups(feature: string) {
  const { db } = await testDatabase();
  const of = async (table: string) =>
    resultRows<{ scored: number; sum: number; hist: number }>(
      await db.execute(sql`
        select coalesce(sum(scored_calls), 0)::int as scored, round(coalesce(sum(score_sum), 0)::numeric, 4)::float8 as sum,
               coalesce(sum((select sum(x) from unnest(score_hist) x)), 0)::int as hist
        from ${sql.raw(table)} r join features f on f.id = r.feature_id where f.key = ${feature}`),
    )[0];
  return {
    minute: await of('call_rollups'),
    hour: await of('call_rollups_hourly'),
    total: await of('call_rollups_total'),
  };
}

/** The rollups equal a rebuild from the raw calls (and every histogram counts each scored call once). */
async function expectRollupsExact(feature: string, scored: number, sum: number) {
  await rollupsCaughtUp();
  const aggregated = await scoreRollups(feature);
  for (const table of Object.values(aggregated)) expect(table).toEqual({ scored, sum, hist: scored });
  const { db } = await testDatabase();
  await rebuildRollups(db, { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) });
  expect(await scoreRollups(feature)).toEqual(aggregated);
}

const feature = () => `scores-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;

describe('POST /api/v1/scores', () => {
  it('sets the call’s score to the latest one, is idempotent per (call, name), redacts comments, and moves the rollups exactly once', async () => {
    const f = feature();
    const [a, b, c] = [testCall({ feature: f, score: 0.9 }), testCall({ feature: f }), testCall({ feature: f })];
    expect((await postCalls(ingestKey, { calls: [a, b, c] })).status).toBe(200);
    await expectRollupsExact(f, 1, 0.9);

    const scores = [
      {
        callId: a.id,
        name: 'thumbs',
        value: 0,
        source: 'user',
        comment: 'Wrong order number; mail me at jane@example.com',
      },
      { callId: b.id, value: 1, source: 'llm-judge' },
      { callId: c.id, name: 'review', value: 0.5 },
    ];
    const first = await postScores({ scores });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    expect(await (await postScores({ scores })).json()).toEqual({ accepted: 0, duplicates: 3, rejected: [] });

    const call = await (await getCall(readKey, a.id)).json();
    expect(call.score).toBe(0);
    expect(call.scores).toEqual([expect.objectContaining({ name: 'thumbs', value: 0, source: 'user' })]);
    expect(call.scores[0].comment).not.toContain('jane@example.com');
    await expectRollupsExact(f, 3, 1.5);

    // A new value of the same name replaces the old one; a later name becomes the call's score.
    expect(
      await (
        await postScores({
          scores: [
            { callId: a.id, name: 'thumbs', value: 1 },
            { callId: b.id, name: 'review', value: 0.25 },
          ],
        })
      ).json(),
    ).toMatchObject({ accepted: 2 });
    expect((await (await getCall(readKey, b.id)).json()).score).toBe(0.25);
    await expectRollupsExact(f, 3, 1.75);
  });

  it('keeps the rollups exact when scores race each other and arrive before their call was added up', async () => {
    const f = feature();
    const calls = Array.from({ length: 20 }, (_, i) => testCall({ feature: f, ...(i % 2 ? { score: 0.5 } : {}) }));
    expect((await postCalls(ingestKey, { calls })).status).toBe(200);
    // At once, before the aggregator's next pass: ten requests, each scoring every call.
    const values = Array.from({ length: 10 }, (_, r) => (r + 1) / 10);
    const answers = await Promise.all(
      values.map((v, r) => postScores({ scores: calls.map((c) => ({ callId: c.id, name: `judge-${r}`, value: v })) })),
    );
    for (const answer of answers) expect(answer.status).toBe(200);
    // Each call's score is the one written last, whichever request that was.
    const { db } = await testDatabase();
    const final = resultRows<{ score: number }>(
      await db.execute(
        sql`select score from calls where id in (${sql.join(
          calls.map((c) => sql`${c.id}::uuid`),
          sql`, `,
        )})`,
      ),
    );
    const sum = Math.round(final.reduce((s, r) => s + r.score, 0) * 1e4) / 1e4;
    await expectRollupsExact(f, 20, sum);
  });

  it('rejects invalid scores and scores of unknown calls item by item, and refuses bad batches whole', async () => {
    const f = feature();
    const call = testCall({ feature: f });
    await postCalls(ingestKey, { calls: [call] });
    const mixed = await postScores({
      scores: [
        { callId: call.id, value: 0.7 },
        { callId: randomUUID(), value: 0.5 },
        { callId: call.id, value: 1.5 },
        { callId: 'not-a-uuid', value: 0.5, name: 'has spaces' },
        { callId: call.id, value: 0.1, extra: true },
      ],
    });
    expect(mixed.status).toBe(207);
    const body = await mixed.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 3, 4]);
    expect(body.rejected[0].errors[0]).toMatch(/no call with this id/);
    expect(body.rejected[1].errors[0]).toMatch(/^value: must be from 0 to 1/);
    expect(body.rejected[2].errors.join(' ')).toMatch(/callId.*name/);

    const allBad = await postScores({ scores: [{ callId: call.id, value: 'high' }] });
    expect(allBad.status).toBe(400);
    expect((await allBad.json()).error.code).toBe('invalid_scores');
    expect((await postScores({ score: [] })).status).toBe(400);
    expect(
      (await postScores({ scores: Array.from({ length: 1001 }, () => ({ callId: call.id, value: 1 })) })).status,
    ).toBe(400);
    expect((await postScores({ scores: [] }, null)).status).toBe(401);
    expect((await postScores({ scores: [] }, readKey)).status).toBe(403);
    expect((await (await getCall(readKey, call.id)).json()).score).toBe(0.7);
  });

  it('takes scores from the SDK: switchboard.score(result.id, …) after a chain run, batched after the call', async () => {
    const sdkKey = await createTestKey(['ingest', 'switches:read'], 'scores-sdk');
    const quiet = { warn: () => {} };
    const sb = createSwitchboard({ baseUrl: baseUrl(), apiKey: sdkKey, exportIntervalMs: 60_000, logger: quiet });
    try {
      const f = feature();
      const result = await sb.run(f, [model('gpt-4o-mini', async () => 'It ships today.')]);
      expect(() => sb.score(result.id, 7)).toThrow(RangeError);
      sb.score(result.id, 0, { name: 'thumbs', source: 'user', comment: 'Wrong! Call me on +1 415 555 0100' });
      // One flush: the call goes first, then its score.
      await sb.flush();
      expect(sb.stats()).toMatchObject({ sent: 1, dropped: 0, scores: { sent: 1, dropped: 0, queued: 0 } });
      const call = await (await getCall(readKey, result.id)).json();
      expect(call).toMatchObject({
        feature: f,
        score: 0,
        scores: [expect.objectContaining({ name: 'thumbs', value: 0, source: 'user' })],
      });
      expect(call.scores[0].comment).not.toContain('555 0100');
    } finally {
      await sb.close();
    }
  });
});
