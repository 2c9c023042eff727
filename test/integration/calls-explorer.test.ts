// GET /api/v1/calls: every filter narrows, the cursor walks without duplicates or gaps, exports
// stream the whole range, and hostile input is refused or finds nothing (never a 500).
import { beforeAll, describe, expect, it } from 'vitest';
import { postCalls, testCall } from '../support/calls';
import { baseUrl, createTestKey } from '../support/system';

const RUN = Date.now().toString(36);
const ENV = `it-explore-${RUN}`;
const A = `it-explore-a-${RUN}`;
const B = `it-explore-b-${RUN}`;
const BASE_TS = Date.now() - 2 * 60 * 60 * 1000;
const WINDOW = `from=${new Date(BASE_TS - 60_000).toISOString()}&to=${new Date(BASE_TS + 60 * 60_000).toISOString()}&environment=${ENV}`;

type Call = ReturnType<typeof testCall> & Record<string, unknown>;

/** 40 calls with varied fields; groups of three share one timestamp so ties are broken by id. */
function dataset(): Call[] {
  return Array.from({ length: 40 }, (_, i) => {
    const failed = i % 5 === 0;
    return testCall({
      feature: i % 4 === 0 ? B : A,
      environment: ENV,
      timestamp: new Date(BASE_TS + Math.floor(i / 3) * 1000).toISOString(),
      model: i % 3 === 0 ? 'gpt-4o' : 'claude-3-5-haiku',
      route: i % 7 === 0 ? 'fallback' : 'primary',
      fallbackDepth: i % 7 === 0 ? 1 : 0,
      outcome: failed ? 'error' : 'ok',
      errorType: failed ? (i % 2 === 0 ? 'timeout' : 'rate_limit') : undefined,
      latencyMs: 100 + i * 50,
      costUsd: i / 1000,
      userId: `u-${i % 6}`,
      sessionId: `s-${i % 4}`,
      release: i < 20 ? 'v1' : 'v2',
      prompt: i === 7 ? [{ role: 'user', content: 'discount of 50% for user_name' }] : `question ${i}`,
      completion: i === 8 ? 'back\\slash answer' : `answer ${i}`,
    }) as Call;
  });
}

describe('GET /api/v1/calls', () => {
  let read: string;
  let all: Call[];
  const get = (query: string, key: string | null = read) =>
    fetch(`${baseUrl()}/api/v1/calls?${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  /** Every id the filters match, page by page; fails on a repeated id. */
  async function listAll(query: string, limit = 7): Promise<string[]> {
    const ids: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 100; pages++) {
      const res = await get(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as { calls: { id: string }[]; nextCursor: string | null };
      expect(body.calls.length).toBeLessThanOrEqual(limit);
      ids.push(...body.calls.map((c) => c.id));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(new Set(ids).size).toBe(ids.length);
    return ids;
  }

  /** The expected order: newest first, ties by id descending (what the keyset walks). */
  const newestFirst = (calls: Call[]) =>
    [...calls]
      .sort((x, y) => String(y.timestamp).localeCompare(String(x.timestamp)) || y.id.localeCompare(x.id))
      .map((c) => c.id);

  beforeAll(async () => {
    read = await createTestKey(['read'], 'explorer-read');
    const ingest = await createTestKey(['ingest'], 'explorer-ingest');
    all = dataset();
    const res = await postCalls(ingest, { calls: all });
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it('walks the whole range newest first with the cursor, without duplicates or gaps', async () => {
    expect(await listAll(WINDOW, 4)).toEqual(newestFirst(all));
    expect(await listAll(WINDOW, 500)).toEqual(newestFirst(all));
  });

  it('answers in the ingestion field names, with a prompt snippet and no bodies', async () => {
    const res = await get(`${WINDOW}&feature=${A}&limit=50`);
    const body = await res.json();
    const call7 = body.calls.find((c: { id: string }) => c.id === all[7].id);
    expect(call7).toMatchObject({
      feature: A,
      timestamp: all[7].timestamp,
      model: 'claude-3-5-haiku',
      route: 'fallback',
      fallbackDepth: 1,
      costUsd: 0.007,
      userId: 'u-1',
      sessionId: 's-3',
      release: 'v1',
      environment: ENV,
    });
    expect(call7.promptSnippet).toBe('discount of 50% for user_name');
    expect(call7).not.toHaveProperty('prompt');
    expect(call7).not.toHaveProperty('completion');
  });

  const cases: [string, (c: Call) => boolean][] = [
    [`feature=${A}`, (c) => c.feature === A],
    ['model=gpt-4o', (c) => c.model === 'gpt-4o'],
    ['route=fallback', (c) => c.route === 'fallback'],
    ['outcome=error', (c) => c.outcome === 'error'],
    ['outcome=ok', (c) => c.outcome === 'ok'],
    ['errorType=timeout', (c) => c.errorType === 'timeout'],
    ['userId=u-2', (c) => c.userId === 'u-2'],
    ['sessionId=s-1', (c) => c.sessionId === 's-1'],
    ['release=v2', (c) => c.release === 'v2'],
    ['minCostUsd=0.01&maxCostUsd=0.02', (c) => (c.costUsd as number) >= 0.01 && (c.costUsd as number) <= 0.02],
    ['minLatencyMs=500&maxLatencyMs=1000', (c) => (c.latencyMs as number) >= 500 && (c.latencyMs as number) <= 1000],
    ['q=50%25 for user_', (c) => c === all[7]],
    ['q=ANSWER 1', (c) => typeof c.completion === 'string' && c.completion.includes('answer 1')],
    ['q=k\\slash', (c) => c === all[8]],
    ['q=0%25 for', (c) => c === all[7]],
    ['q=50_', () => false],
    [`feature=${B}&outcome=error&release=v1`, (c) => c.feature === B && c.outcome === 'error' && c.release === 'v1'],
  ];
  it.each(cases)('narrows by %s', async (filter, keep) => {
    const expected = newestFirst(all.filter(keep));
    expect(expected.length).toBeLessThan(all.length);
    const query = filter.replace(/ /g, '%20').replace(/\\/g, '%5C');
    expect(await listAll(`${WINDOW}&${query}`)).toEqual(expected);
  });

  it('narrows by time: from inclusive, to exclusive', async () => {
    const from = new Date(BASE_TS + 3000).toISOString();
    const to = new Date(BASE_TS + 6000).toISOString();
    const expected = newestFirst(all.filter((c) => String(c.timestamp) >= from && String(c.timestamp) < to));
    expect(expected).toHaveLength(9);
    expect(await listAll(`environment=${ENV}&from=${from}&to=${to}`)).toEqual(expected);
  });

  it('defaults to production and the last 24 hours', async () => {
    expect(await listAll(`feature=${A}`)).toEqual([]);
  });

  it('streams a CSV export with a header, RFC 4180 quoting and an attachment name', async () => {
    const ingest = await createTestKey(['ingest'], 'explorer-csv');
    const tricky = testCall({
      feature: A,
      environment: `${ENV}-csv`,
      timestamp: new Date(BASE_TS).toISOString(),
      userId: 'a,b "c"\nd',
      release: '=1+2',
      prompt: [{ role: 'user', content: 'line one,\n"two"' }],
      completion: 'plain',
    });
    expect(
      (
        await postCalls(ingest, {
          calls: [
            tricky,
            testCall({ feature: A, environment: `${ENV}-csv`, timestamp: new Date(BASE_TS).toISOString() }),
          ],
        })
      ).status,
    ).toBe(200);
    const res = await get(WINDOW.replace(`environment=${ENV}`, `environment=${ENV}-csv`) + '&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="calls-all-\d{8}-\d{4}-\d{8}-\d{4}\.csv"$/,
    );
    const rows = parseCsv(await res.text());
    expect(rows).toHaveLength(3);
    const [header, ...data] = rows;
    expect(header.slice(0, 4)).toEqual(['id', 'feature', 'timestamp', 'receivedAt']);
    expect(header).toContain('prompt');
    const row = Object.fromEntries(header.map((h, i) => [h, data.find((r) => r[0] === tricky.id)![i]]));
    expect(row.userId).toBe('a,b "c"\nd');
    expect(row.release).toBe("'=1+2"); // a spreadsheet must not run it as a formula
    expect(JSON.parse(row.prompt)).toEqual([{ role: 'user', content: 'line one,\n"two"' }]);
    expect(row.completion).toBe('plain');
  });

  it('streams NDJSON: one line per matching call, ignoring limit', async () => {
    const res = await get(`${WINDOW}&feature=${A}&format=ndjson&limit=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(await listAll(`${WINDOW}&feature=${A}`));
    expect(lines.find((l) => l.id === all[7].id).prompt).toEqual([
      { role: 'user', content: 'discount of 50% for user_name' },
    ]);
  });

  it('refuses unknown parameters by name and invalid values with field errors', async () => {
    let res = await get(`${WINDOW}&featur=x&colour=red`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.fieldErrors._[0]).toBe('Unknown parameter: featur, colour.');
    res = await get('limit=501&outcome=maybe&from=yesterday&minLatencyMs=-1&cursor=abc');
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['cursor', 'from', 'limit', 'minLatencyMs', 'outcome']);
    res = await get(
      `minCostUsd=2&maxCostUsd=1&from=${new Date().toISOString()}&to=${new Date(Date.now() - 1000).toISOString()}`,
    );
    expect(Object.keys((await res.json()).error.fieldErrors).sort()).toEqual(['from', 'minCostUsd']);
    res = await get('feature=a&feature=b');
    expect(res.status).toBe(400);
    expect((await res.json()).error.fieldErrors.feature).toBeDefined();
  });

  const INJECTIONS = [
    "' or 1=1 --",
    "'; drop table calls; --",
    '%',
    '_',
    '\\',
    '%00',
    '\u0000',
    '") or ("1"="1',
    '${7*7}',
    '<script>',
    'a'.repeat(5000),
    '1e309',
    'NaN',
    '-0',
    '[]',
    '{}',
  ];
  const FIELDS = [
    'feature',
    'from',
    'to',
    'model',
    'route',
    'outcome',
    'errorType',
    'userId',
    'sessionId',
    'release',
    'environment',
    'minCostUsd',
    'maxCostUsd',
    'minLatencyMs',
    'maxLatencyMs',
    'q',
    'limit',
    'cursor',
    'format',
  ];
  it('answers hostile input in every filter with 400 or an empty list, never a 500', async () => {
    const seen = new Set<number>();
    for (const field of FIELDS) {
      for (const value of INJECTIONS) {
        const res = await get(
          `${WINDOW.replace(new RegExp(`(^|&)${field}=[^&]*`), '')}&${field}=${encodeURIComponent(value)}`,
        );
        seen.add(res.status);
        expect([200, 400], `${field}=${JSON.stringify(value.slice(0, 20))} → ${res.status}`).toContain(res.status);
        // A number that parses (say "-0") is a legitimate bound, so only text filters must find nothing.
        if (res.status === 200 && !/Cost|Latency/.test(field)) {
          const body = await res.json();
          expect(body.calls, `${field}=${value.slice(0, 20)}`).toEqual([]);
        } else await res.body?.cancel();
      }
    }
    expect(seen).toEqual(new Set([200, 400]));
  });

  it('needs a key with the read scope (or a signed-in user)', async () => {
    expect((await get(WINDOW, null)).status).toBe(401);
    expect((await get(WINDOW, 'sb_not_a_key')).status).toBe(401);
    const ingestOnly = await createTestKey(['ingest'], 'explorer-no-read');
    const res = await get(WINDOW, ingestOnly);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('"read"');
  });
});

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      endField();
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else {
      field += ch;
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}
