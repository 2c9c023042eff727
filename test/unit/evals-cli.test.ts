// `switchboard eval` in this process (main() as bin.mjs calls it) against the mock provider and a
// stand-in for the two Switchboard endpoints it uses: every exit code, the files it writes, upload.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '@/lib/cli/main';
import { startMockProvider, type MockProvider } from '@/lib/mock-provider';
import { EvalRunUploadSchema } from '@/lib/validations/eval-run';

let provider: MockProvider;
let dir: string;
let out: { stdout: string; stderr: string };

/** Answers like the evals API: a baseline per feature, 201 for an upload, 403 for a read-only key. */
const server = { baseline: null as unknown, uploads: [] as unknown[], url: '', close: () => {} };
beforeAll(async () => {
  provider = await startMockProvider({ port: 0 });
  const httpServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const send = (status: number, data: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
      if (req.headers.authorization === 'Bearer broken')
        return send(500, { error: { code: 'internal', message: 'Something went wrong.' } });
      if (req.method === 'GET' && req.url === '/api/v1/features/support-agent/eval-runs/baseline') {
        return server.baseline
          ? send(200, server.baseline)
          : send(404, { error: { code: 'not_found', message: 'No baseline run.' } });
      }
      if (req.method === 'POST' && req.url === '/api/v1/eval-runs') {
        if (req.headers.authorization !== 'Bearer writer')
          return send(403, { error: { code: 'forbidden', message: 'This key lacks the evals:write scope.' } });
        server.uploads.push(JSON.parse(body));
        return send(201, { id: 7, url: '/features/support-agent/evals/7', total: 2, passed: 1, passRate: 0.5 });
      }
      send(404, { error: { code: 'not_found', message: 'Not found.' } });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  server.close = () => httpServer.close();
});
afterAll(async () => {
  server.close();
  await provider.close();
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evals-cli-'));
  out = { stdout: '', stderr: '' };
  server.baseline = null;
  server.uploads = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void (out.stdout += `${a.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...a) => void (out.stderr += `${a.join(' ')}\n`));
  vi.spyOn(process.stderr, 'write').mockImplementation((t) => ((out.stderr += String(t)), true));
});
afterEach(() => vi.restoreAllMocks());

function evalFile(cases: string, { threshold = 1, baseUrl = provider.baseUrl, extra = '' } = {}): string {
  const file = path.join(dir, 'support.yaml');
  fs.writeFileSync(
    file,
    `feature: support-agent
threshold: ${threshold}
regressionTolerance: 0.1
retries: 0
${extra}target:
  type: http
  baseUrl: ${baseUrl}
  model: gpt-4o-mini
  messages:
    - { role: user, content: "{{question}}" }
cases:
${cases}`,
  );
  return 'support.yaml';
}
const refund = (contains = 'refund') =>
  `  - { name: refund, vars: { question: "Where is my refund?" }, assert: [{ type: contains, value: "${contains}" }] }\n`;
const password = `  - { name: password, vars: { question: "Reset my password" }, assert: [{ type: contains, value: password }] }\n`;
const cli = (...args: string[]) => main(['eval', ...args], { callerCwd: dir, projectRoot: process.cwd() });

describe('switchboard eval exit codes', () => {
  it('0 when the pass rate meets the threshold; writes results and JUnit relative to the caller', async () => {
    expect(await cli(evalFile(refund() + password), '--output', 'out/results.json', '--junit', 'out/junit.xml')).toBe(
      0,
    );
    expect(out.stdout).toContain('support-agent: 2/2 passed, pass rate 100% meets the threshold 100%');
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'out/results.json'), 'utf8'));
    expect(results).toMatchObject({ feature: 'support-agent', total: 2, passed: 2, passRate: 1 });
    expect(fs.readFileSync(path.join(dir, 'out/junit.xml'), 'utf8')).toContain(
      '<testsuite name="support-agent" tests="2" failures="0"',
    );
    expect(fs.existsSync(path.join(dir, '.switchboard/eval-cache'))).toBe(true);
  });

  it('1 below the threshold, with the failed cases on stdout', async () => {
    expect(await cli(evalFile(refund('kiwi') + password, { threshold: 0.9 }))).toBe(1);
    expect(out.stdout).toMatch(/Failed \(1\):\n\s+case\s+output\s+why\n\s+refund\s+".*"\s+contains: .*kiwi/);
    expect(out.stderr).toContain('switchboard: eval failed: the pass rate 50% is below the threshold 90%.');
  });

  it('1 on a regression against a --baseline file, naming the case with its old and new result', async () => {
    expect(await cli(evalFile(refund() + password, { threshold: 0.5 }), '--output', 'base.json')).toBe(0);
    expect(await cli(evalFile(refund('kiwi') + password, { threshold: 0.5 }), '--baseline', 'base.json')).toBe(1);
    expect(out.stdout).toContain(
      'Against the baseline (100% → 50%, tolerance 10%): REGRESSED\n  Regressed (1):\n    refund: passed → failed',
    );
    expect(out.stderr).toContain('against the baseline, more than the tolerance 10% (regressed: refund)');
  });

  it('2 for wrong usage', async () => {
    expect(await cli()).toBe(2);
    expect(await cli('x.yaml', '--repeat', '0')).toBe(2);
    expect(out.stderr).toContain('--repeat: --repeat must be at least 1.');
  });

  it('3 for an unreadable file, a case without a template variable, a bad baseline, or a target down for every case', async () => {
    expect(await cli('missing.yaml')).toBe(3);
    expect(
      await cli(evalFile(`  - { name: nameless, vars: { topic: x }, assert: [{ type: contains, value: x }] }\n`)),
    ).toBe(3);
    expect(out.stderr).toContain(
      'support.yaml: Case "nameless": the target\'s messages use {{question}}, but the case has no var "question" (it has topic).',
    );
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"results": [{"name": "x"}]}');
    expect(await cli(evalFile(refund()), '--baseline', 'bad.json')).toBe(3);
    expect(out.stderr).toContain(
      'bad.json is not a results file of `switchboard eval --output`:\nresults: Each result needs passed: true or false.',
    );
    expect(await cli(evalFile(refund() + password, { baseUrl: 'http://127.0.0.1:9/v1' }))).toBe(3);
    expect(out.stderr).toContain(
      'switchboard: the target could not be reached for any case: Cannot reach http://127.0.0.1:9/v1/chat/completions',
    );
  });

  it('compares with the server baseline and uploads the run with its weights; 4 when the server refuses', async () => {
    server.baseline = {
      feature: 'support-agent',
      results: [
        { name: 'refund', repeat: 0, passed: true, weight: 1 },
        { name: 'password', repeat: 0, passed: false, weight: 1 },
      ],
    };
    const file = evalFile(refund() + password, { threshold: 0.5, extra: 'model: gpt-4o-mini\npromptVersion: v3\n' });
    expect(await cli(file, '--upload', '--url', server.url, '--key', 'writer', '--name', 'ci run')).toBe(0);
    expect(out.stdout).toContain(
      'Against the baseline (50% → 100%, tolerance 10%): no regression\n  Fixed (1):\n    password: failed → passed',
    );
    expect(out.stdout).toContain(`Uploaded: ${server.url}/features/support-agent/evals/7`);
    const upload = EvalRunUploadSchema.parse(server.uploads[0]);
    expect(upload).toMatchObject({
      feature: 'support-agent',
      name: 'ci run',
      model: 'gpt-4o-mini',
      promptVersion: 'v3',
      threshold: 0.5,
    });
    expect(upload.results.map((r) => [r.name, r.passed, r.weight])).toEqual([
      ['refund', true, 1],
      ['password', true, 1],
    ]);

    server.baseline = null;
    expect(await cli(file, '--url', server.url, '--key', 'reader')).toBe(0);
    expect(out.stderr).toContain('No run is marked baseline for support-agent yet: nothing to compare against.');
    expect(await cli(file, '--upload', '--url', server.url, '--key', 'reader')).toBe(4);
    expect(out.stderr).toContain('This key lacks the evals:write scope. (HTTP 403)');
    expect(await cli(file, '--url', server.url, '--key', 'broken')).toBe(4);
    expect(await cli(file, '--url', 'http://127.0.0.1:9', '--key', 'reader')).toBe(4);
  });
});

describe('switchboard eval import', () => {
  const fixture = path.join(import.meta.dirname, '../fixtures/promptfoo-results.json');
  const importCli = (...args: string[]) =>
    main(['eval', 'import', ...args], { callerCwd: dir, projectRoot: process.cwd() });

  it('uploads a promptfoo result file, or writes it, and refuses what is not promptfoo output', async () => {
    expect(
      await importCli(
        fixture,
        '--feature',
        'support-agent',
        '--upload',
        '--url',
        server.url,
        '--key',
        'writer',
        '--output',
        'run.json',
      ),
    ).toBe(0);
    expect(out.stdout).toContain('4 results, 2 passed (50%), for support-agent.');
    expect(EvalRunUploadSchema.parse(server.uploads[0]).results).toHaveLength(4);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8'))).toEqual(server.uploads[0]);
    expect(await importCli(fixture, '--feature', 'support-agent')).toBe(2);
    expect(await importCli(fixture, '--output', 'x.json')).toBe(2);
    fs.writeFileSync(path.join(dir, 'other.json'), '{"cases": []}');
    expect(await importCli('other.json', '--feature', 'support-agent', '--output', 'x.json')).toBe(3);
    expect(out.stderr).toContain('other.json is not promptfoo JSON output:');
  });
});
