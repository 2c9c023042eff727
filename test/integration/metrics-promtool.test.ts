// GET /api/metrics checked by Prometheus's own linter (`promtool check metrics`, Debian's
// `prometheus` package), after calls of every route, outcome and error type have been counted.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { postCalls, testCall } from '../support/calls';
import { baseUrl, createTestKey, rollupsCaughtUp } from '../support/system';

const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';

function promtoolCheck(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

describe('GET /api/metrics under promtool', () => {
  let readKey: string;
  beforeAll(async () => {
    readKey = await createTestKey(['read'], 'promtool-read');
    const ingestKey = await createTestKey(['ingest'], 'promtool-ingest');
    const feature = `promtool-${randomUUID().slice(0, 8)}`;
    const res = await postCalls(ingestKey, {
      calls: [
        testCall({ feature }),
        testCall({ feature, outcome: 'error', errorType: 'timeout' }),
        testCall({ feature, route: 'fallback' }),
      ],
    });
    expect(res.status).toBe(200);
    await rollupsCaughtUp();
  });

  it('passes `promtool check metrics` with no lint problems', async () => {
    const res = await fetch(`${baseUrl()}/api/metrics`, { headers: { authorization: `Bearer ${readKey}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('switchboard_calls_total');
    const { code, output } = await promtoolCheck(text);
    expect(output).toBe('');
    expect(code).toBe(0);
  });
});
