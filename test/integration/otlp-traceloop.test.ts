// OpenLLMetry (Traceloop) as its users run it: an app in its own folder with its own dependencies
// (test/fixtures/traceloop-app), @traceloop/node-server-sdk instrumenting the openai client against
// `switchboard mock-provider`, exporting protobuf to Switchboard's OTLP endpoint. The call must
// arrive with its model, tokens, latency and user, its prompt redacted.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/local-server';
import { baseUrl, createTestKey } from '../support/system';

const APP_DIR = path.resolve(import.meta.dirname, '../fixtures/traceloop-app');
const run = promisify(execFile);

let provider: ChildProcessWithoutNullStreams | undefined;
let providerUrl: string;
beforeAll(async () => {
  if (!fs.existsSync(path.join(APP_DIR, 'node_modules/@traceloop/node-server-sdk'))) {
    throw new Error(
      'The Traceloop app is not installed: run `npm ci --prefix test/fixtures/traceloop-app` (test/run-all.sh does).',
    );
  }
  provider = spawn(process.execPath, ['lib/cli/bin.mjs', 'mock-provider', '--port', '0'], { stdio: 'pipe' });
  let stdout = '';
  provider.stdout.on('data', (d) => (stdout += d));
  await until(() => /listening at (http:\/\/127\.0\.0\.1:\d+\/v1)/.test(stdout), 15_000);
  providerUrl = stdout.match(/listening at (http:\/\/127\.0\.0\.1:\d+\/v1)/)![1];
});
afterAll(() => provider?.kill('SIGKILL'));

describe('@traceloop/node-server-sdk instrumenting the openai client', () => {
  it('reports each chat completion as a call with model, tokens, latency and user', async () => {
    const feature = `traceloop-${Date.now().toString(36)}`;
    const ingestKey = await createTestKey(['ingest'], 'traceloop-app');
    const readKey = await createTestKey(['read'], 'traceloop-read');
    const { stdout } = await run(process.execPath, ['app.mjs', baseUrl(), ingestKey, providerUrl, feature], {
      cwd: APP_DIR,
      timeout: 30_000,
    });
    const answered = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      content: string;
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    expect(answered.content).toBeTruthy();

    const list = async () =>
      (
        await (
          await fetch(`${baseUrl()}/api/v1/calls?feature=${feature}`, {
            headers: { authorization: `Bearer ${readKey}` },
          })
        ).json()
      ).calls as { id: string }[];
    await until(async () => (await list()).length === 1, 10_000);
    const [{ id }] = await list();
    const call = await (
      await fetch(`${baseUrl()}/api/v1/calls/${id}`, { headers: { authorization: `Bearer ${readKey}` } })
    ).json();
    expect(call).toMatchObject({
      feature,
      model: expect.stringMatching(/^gpt-4o-mini/),
      provider: 'openai',
      outcome: 'ok',
      inputTokens: answered.usage.prompt_tokens,
      outputTokens: answered.usage.completion_tokens,
      userId: 'user-42',
      metadata: { otel: { service: 'traceloop-app' } },
    });
    expect(call.latencyMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(call.prompt)).toContain('Where is my order?');
    expect(JSON.stringify(call.prompt)).not.toContain('jane@example.com');
  });
});
