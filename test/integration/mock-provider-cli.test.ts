// `switchboard mock-provider` as a person runs it: a real process that prints its URL, applies the
// faults given as flags, takes new ones at runtime, refuses bad flags, and stops on Ctrl-C.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import OpenAI, { RateLimitError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function start(args: string[]) {
  child = spawn(process.execPath, ['lib/cli/bin.mjs', 'mock-provider', ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  const baseUrl = new Promise<string>((resolve, reject) => {
    child!.stdout.on('data', () => {
      const match = stdout.match(/listening at (http:\/\/127\.0\.0\.1:\d+\/v1)/);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  baseUrl.catch(() => {}); // awaited only by the tests that expect it to start
  return { baseUrl, exited, output: () => ({ stdout, stderr }) };
}

describe('switchboard mock-provider', () => {
  it('serves the openai client with the faults from its flags, changed live, until Ctrl-C', async () => {
    const run = start([
      '--port',
      '0',
      '--latency',
      '50',
      '--model-faults',
      '{"gpt-4o":{"rate429":1,"retryAfterSeconds":3}}',
    ]);
    const baseUrl = await run.baseUrl;
    expect(run.output().stdout).toContain(`new OpenAI({ baseURL: '${baseUrl}', apiKey: 'mock' })`);
    const client = new OpenAI({ baseURL: baseUrl, apiKey: 'mock', maxRetries: 0 });

    const started = performance.now();
    const ok = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(ok.choices[0].message.content).toBeTruthy();
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    const limited = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('3');

    const origin = baseUrl.replace(/\/v1$/, '');
    const cleared = await fetch(`${origin}/_faults`, {
      method: 'POST',
      body: JSON.stringify({ models: { 'gpt-4o': null } }),
    });
    expect(cleared.status).toBe(200);
    await expect(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    ).resolves.toBeTruthy();
    const stats = await (await fetch(`${origin}/_stats`)).json();
    expect(stats.models['gpt-4o']).toMatchObject({ requests: 2, answered: 1, faults: { rate_limit: 1 } });

    child!.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('Mock provider stopped.');
  });

  it('refuses bad flags with the option named, exit code 2', async () => {
    const bad = start(['--rate-5xx', '1.5']);
    expect(await bad.exited).toBe(2);
    expect(bad.output().stderr).toContain('--rate-5xx: Must be between 0 and 1.');
    const badJson = start(['--model-faults', '{"gpt-4o":{"hangs":1}}']);
    expect(await badJson.exited).toBe(2);
    expect(badJson.output().stderr).toMatch(/--model-faults gpt-4o: Unrecognized key: "hangs"/);
  });
});
