// GET /api/metrics against the running app: known calls in, exposition text out.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { postCalls, testCall } from '../support/calls';
import { baseUrl, createTestKey, rollupsCaughtUp } from '../support/system';

type Sample = { name: string; labels: Record<string, string>; value: number };

/** A small parser of the text format: enough to find samples by name and labels. */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      types.set(name, type);
      continue;
    }
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[k] = v.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    samples.push({ name: match[1], labels, value: match[3] === '+Inf' ? Infinity : Number(match[3]) });
  }
  return { types, samples };
}

function value(samples: Sample[], name: string, labels: Record<string, string>): number | undefined {
  return samples.find(
    (s) =>
      s.name === name &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v) &&
      Object.keys(s.labels).length === Object.keys(labels).length,
  )?.value;
}

describe('GET /api/metrics', () => {
  let ingestKey: string;
  let readKey: string;
  beforeAll(async () => {
    ingestKey = await createTestKey(['ingest'], 'metrics-ingest');
    readKey = await createTestKey(['read'], 'metrics-read');
  });

  it('exposes counters, the latency histogram and the switch state of a feature in the Prometheus text format', async () => {
    const feature = `metrics-${Date.now().toString(36)}`;
    const calls = [
      testCall({ feature, latencyMs: 80, inputTokens: 100, outputTokens: 10, costUsd: 0.25 }),
      testCall({ feature, latencyMs: 400, inputTokens: 50, outputTokens: 5, costUsd: 0.5 }),
      testCall({ feature, latencyMs: 1200, outcome: 'error', errorType: 'timeout' }),
      testCall({ feature, latencyMs: 90_000, route: 'fallback', fallbackDepth: 1, inputTokens: 1, costUsd: 0 }),
    ];
    expect((await postCalls(ingestKey, { calls })).status).toBe(200);
    await rollupsCaughtUp();

    const res = await fetch(`${baseUrl()}/api/metrics`, { headers: { authorization: `Bearer ${readKey}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { types, samples } = parseExposition(await res.text());
    expect(types.get('switchboard_calls_total')).toBe('counter');
    expect(types.get('switchboard_call_latency_seconds')).toBe('histogram');
    expect(types.get('switchboard_switch_killed')).toBe('gauge');

    expect(value(samples, 'switchboard_calls_total', { feature, outcome: 'ok', route: 'primary' })).toBe(2);
    expect(value(samples, 'switchboard_calls_total', { feature, outcome: 'error', route: 'primary' })).toBe(1);
    expect(value(samples, 'switchboard_calls_total', { feature, outcome: 'ok', route: 'fallback' })).toBe(1);
    expect(value(samples, 'switchboard_tokens_total', { feature, direction: 'input' })).toBe(151);
    expect(value(samples, 'switchboard_tokens_total', { feature, direction: 'output' })).toBe(15);
    expect(value(samples, 'switchboard_cost_usd_total', { feature })).toBeCloseTo(0.75, 9);

    const bucket = (le: string) => value(samples, 'switchboard_call_latency_seconds_bucket', { feature, le });
    expect([
      bucket('0.1'),
      bucket('0.25'),
      bucket('0.5'),
      bucket('1'),
      bucket('2.5'),
      bucket('60'),
      bucket('+Inf'),
    ]).toEqual([1, 1, 2, 2, 3, 3, 4]);
    expect(value(samples, 'switchboard_call_latency_seconds_count', { feature })).toBe(4);
    expect(value(samples, 'switchboard_call_latency_seconds_sum', { feature })).toBeCloseTo(91.68, 9);
    expect(value(samples, 'switchboard_switch_killed', { feature })).toBe(0);
  });

  it('shows a killed switch as 1', async () => {
    const feature = `metrics-kill-${randomUUID().slice(0, 8)}`;
    expect((await postCalls(ingestKey, { calls: [testCall({ feature })] })).status).toBe(200);
    const writeKey = await createTestKey(['switches:write'], 'metrics-switch');
    const put = await fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writeKey}` },
      body: JSON.stringify({ killed: true, reason: 'metrics test' }),
    });
    expect(put.status).toBeLessThan(300);
    const { samples } = parseExposition(
      await (await fetch(`${baseUrl()}/api/metrics`, { headers: { authorization: `Bearer ${readKey}` } })).text(),
    );
    expect(value(samples, 'switchboard_switch_killed', { feature })).toBe(1);
  });

  it('needs a key with the read scope', async () => {
    const noKey = await fetch(`${baseUrl()}/api/metrics`);
    expect(noKey.status).toBe(401);
    expect((await noKey.json()).error.code).toBe('unauthorized');
    expect(
      (await fetch(`${baseUrl()}/api/metrics`, { headers: { authorization: `Bearer ${ingestKey}` } })).status,
    ).toBe(403);
  });
});
