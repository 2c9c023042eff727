// `--github`: the Markdown job summary appended to $GITHUB_STEP_SUMMARY and the `::error` workflow
// commands for regressed cases, from `switchboard eval` (a Python exec target) and from
// `switchboard eval import junit` (a real pytest run), escaped as GitHub's runner reads them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '@/lib/cli/main';
import { compareRuns } from '@/lib/evals/compare';
import {
  escapeWorkflowData,
  escapeWorkflowProperty,
  githubSummary,
  regressionAnnotations,
  workflowError,
} from '@/lib/evals/github';
import { FIXTURES, PYTHON, requirePython, runPytest } from '../support/python';

let dir: string;
let summary: string;
let out: { stdout: string; stderr: string };
/** Stands in for the baseline read and the upload of the evals API. */
const server = { baseline: null as unknown, uploads: [] as unknown[], url: '', close: () => {} };

beforeAll(async () => {
  requirePython({ pytest: true });
  const httpServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const send = (status: number, data: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
      if (req.method === 'GET' && req.url === '/api/v1/features/support-agent/eval-runs/baseline')
        return send(200, server.baseline);
      server.uploads.push(JSON.parse(body));
      send(201, { id: 12, url: '/features/support-agent/evals/12' });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  server.close = () => httpServer.close();
});
afterAll(() => server.close());
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evals-github-'));
  summary = path.join(dir, 'step-summary.md');
  fs.writeFileSync(summary, '## An earlier step\n\n');
  out = { stdout: '', stderr: '' };
  vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
  vi.stubEnv('PYTHONDONTWRITEBYTECODE', '1');
  vi.spyOn(console, 'log').mockImplementation((...a) => void (out.stdout += `${a.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...a) => void (out.stderr += `${a.join(' ')}\n`));
  vi.spyOn(process.stderr, 'write').mockImplementation((t) => ((out.stderr += String(t)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const annotations = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::'));

describe('workflow commands', () => {
  it("escape data and properties by GitHub's rules", () => {
    expect(escapeWorkflowData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeWorkflowProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
    expect(workflowError('bad: 50%\nworse', { title: 'Eval: refund, late', file: 'evals/a,b.yaml' })).toBe(
      '::error title=Eval%3A refund%2C late,file=evals/a%2Cb.yaml::bad: 50%25%0Aworse',
    );
    expect(workflowError('x', {})).toBe('::error::x');
  });

  it('the summary escapes Markdown in case names and reasons, and lists at most 50 regressed cases', () => {
    const names = [
      'a | b',
      '<script>alert(1)</script>',
      '*bold* _it_ `code`',
      ...Array.from({ length: 60 }, (_, i) => `case ${i}`),
    ];
    const baseline = { results: names.map((name) => ({ name, passed: true })) };
    const results = names.map((name) => ({ name, passed: false, error: 'boom | <b>bang</b>' }));
    const text = githubSummary({
      title: 'nightly',
      feature: 'support-agent',
      results,
      threshold: 0.9,
      comparison: compareRuns({ results }, baseline, 0.05),
    });
    expect(text).toContain('### ❌ Eval: nightly (support-agent)');
    expect(text).toContain('**Pass rate 0%** (0 of 63 passed), **below** the threshold 90%.');
    expect(text).toContain(
      'Against the baseline: 100% → 0% (−100.0 points): **regressed** by more than the tolerance 5.0%.',
    );
    expect(text).toContain('| a \\| b | passed | failed | boom \\| \\<b\\>bang\\</b\\> |');
    expect(text).toContain('| \\<script\\>alert(1)\\</script\\> | passed | failed |');
    expect(text).toContain('| \\*bold\\* \\_it\\_ \\`code\\` |');
    expect(text).toContain('… and 13 more.');
    // An import without a baseline: no verdict, so no icon.
    const unjudged = githubSummary({
      title: 'pytest',
      feature: 'support-agent',
      results: [{ name: 'a', passed: true }],
    });
    expect(unjudged).toMatch(
      /^### Eval: pytest \(support-agent\)\n\n\*\*Pass rate 100%\*\* \(1 of 1 passed\)\.\n\nNo baseline to compare against/,
    );
    expect(
      regressionAnnotations({
        title: 'nightly',
        feature: 'support-agent',
        results,
        comparison: compareRuns({ results }, baseline, 0.05),
      }),
    ).toHaveLength(63);
  });
});

describe('switchboard eval --github', () => {
  function writeSet(refundWord: string): string {
    fs.copyFileSync(path.join(FIXTURES, 'python-eval-app/app.py'), path.join(dir, 'app.py'));
    fs.writeFileSync(
      path.join(dir, 'support.yaml'),
      `feature: support-agent
name: support answers
threshold: 0.5
regressionTolerance: 0.1
target: { type: exec, command: [${PYTHON}, app.py] }
cases:
  - { name: "refund: 100%, late", vars: { question: "Where is my refund?" }, assert: [{ type: contains, value: "${refundWord}" }] }
  - { name: password, vars: { question: "Reset my password" }, assert: [{ type: contains, value: Settings }] }
  - { name: joke, vars: { question: "Tell me a joke" }, assert: [{ type: contains, value: Sorry }] }
`,
    );
    return 'support.yaml';
  }
  const cli = (...args: string[]) => main(['eval', ...args], { callerCwd: dir, projectRoot: process.cwd() });

  it(
    'appends the pass rate, the change against the baseline and the regressed cases, and annotates each regression',
    { timeout: 30_000 },
    async () => {
      expect(await cli(writeSet('business days'), '--output', 'base.json', '--github')).toBe(0);
      expect(annotations(out.stdout)).toEqual([]);
      const first = fs.readFileSync(summary, 'utf8');
      expect(first).toContain(
        '## An earlier step\n\n### ✅ Eval: support answers (support-agent)\n\n**Pass rate 100%** (3 of 3 passed), meets the threshold 50%.',
      );
      expect(first).toContain('No baseline to compare against');

      out.stdout = '';
      expect(await cli(writeSet('kiwi'), '--baseline', 'base.json', '--github')).toBe(1);
      expect(annotations(out.stdout)).toEqual([
        '::error file=support.yaml,title=Eval regression in support-agent%3A refund%3A 100%25%2C late::refund: 100%25, late regressed against the baseline: passed → failed. contains: expected to contain "kiwi"',
      ]);
      const text = fs.readFileSync(summary, 'utf8').slice(first.length);
      expect(text).toBe(
        [
          '### ❌ Eval: support answers (support-agent)',
          '',
          '**Pass rate 67%** (2 of 3 passed), meets the threshold 50%.',
          '',
          'Against the baseline: 100% → 67% (−33.3 points): **regressed** by more than the tolerance 10%.',
          '',
          'Cases: 1 regressed · 0 fixed · 0 new · 0 not in this run.',
          '',
          '#### Regressed cases (1)',
          '',
          '| Case | Baseline | Now | Why |',
          '| --- | --- | --- | --- |',
          '| refund: 100%, late | passed | failed | contains: expected to contain "kiwi" |',
          '',
          '<details><summary>Failed (1)</summary>',
          '',
          '| Case | Why |',
          '| --- | --- |',
          '| refund: 100%, late | contains: expected to contain "kiwi" |',
          '',
          '</details>',
          '',
          '',
        ].join('\n'),
      );
    },
  );

  it(
    'without $GITHUB_STEP_SUMMARY says so on stderr and still prints the annotations',
    { timeout: 30_000 },
    async () => {
      expect(await cli(writeSet('business days'), '--output', 'base.json')).toBe(0);
      vi.stubEnv('GITHUB_STEP_SUMMARY', '');
      out.stdout = '';
      expect(await cli(writeSet('kiwi'), '--baseline', 'base.json', '--github')).toBe(1);
      expect(out.stderr).toContain(
        'switchboard: --github: $GITHUB_STEP_SUMMARY is not set (not in GitHub Actions?), so no job summary was written; the annotations follow.',
      );
      expect(annotations(out.stdout)).toHaveLength(1);
      expect(fs.readFileSync(summary, 'utf8')).toBe('## An earlier step\n\n');
    },
  );
});

describe('switchboard eval import junit --github', () => {
  let xml: string;
  beforeAll(async () => {
    xml = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'evals-github-pytest-')), 'results.xml');
    expect((await runPytest(path.join(FIXTURES, 'pytest-evals/test_answers.py'), xml)).code).toBe(1);
  }, 60_000);
  const everyTestPassed = {
    results: ['test_refund_mentions_the_delay', 'test_cancellation_is_explained', 'test_tone_is_polite'].map(
      (name) => ({ name: `test_answers::${name}`, repeat: 0, passed: true }),
    ),
  };

  it('compares with the server baseline when uploading and links the run', { timeout: 30_000 }, async () => {
    server.baseline = everyTestPassed;
    const code = await main(
      [
        'eval',
        'import',
        'junit',
        xml,
        '--feature',
        'support-agent',
        '--upload',
        '--github',
        '--url',
        server.url,
        '--key',
        'writer',
      ],
      { callerCwd: dir, projectRoot: process.cwd() },
    );
    expect(code).toBe(0);
    expect(server.uploads).toHaveLength(1);
    expect(out.stdout).toContain(
      'Against the baseline (100% → 67%, tolerance 5.0%): REGRESSED\n  Regressed (2):\n    test_answers::test_cancellation_is_explained: passed → failed',
    );
    expect(annotations(out.stdout)).toEqual([
      expect.stringMatching(
        /^::error title=Eval regression in support-agent%3A test_answers%3A%3Atest_cancellation_is_explained::test_answers::test_cancellation_is_explained regressed against the baseline: passed → failed\. failure: AssertionError: the answer does not explain cancelling: 'Sorry, I cannot help with that\.' assert 'cancel' in /,
      ),
      '::error title=Eval regression in support-agent%3A test_answers%3A%3Atest_tone_is_polite::test_answers::test_tone_is_polite regressed against the baseline: passed → failed. failed on setup with "RuntimeError: the judge model is not configured"',
    ]);
    const text = fs.readFileSync(summary, 'utf8');
    expect(text).toContain('### ❌ Eval: support-agent\n\n**Pass rate 67%** (4 of 6 passed).');
    expect(text).toContain('Cases: 2 regressed · 0 fixed · 3 new · 0 not in this run.');
    expect(text).toContain(
      '| test\\_answers::test\\_tone\\_is\\_polite | passed | failed | failed on setup with "RuntimeError: the judge model is not configured" |',
    );
    expect(text).toContain(`[The run on Switchboard](${server.url}/features/support-agent/evals/12)`);
  });

  it('as CI runs it: a real process, annotations on its stdout', { timeout: 60_000 }, async () => {
    fs.writeFileSync(path.join(dir, 'base.json'), JSON.stringify(everyTestPassed));
    // bin.mjs from the project root, run in the caller's directory, which resolves the files.
    const args = [
      path.resolve('lib/cli/bin.mjs'),
      'eval',
      'import',
      'junit',
      xml,
      '--feature',
      'support-agent',
      '--output',
      'run.json',
      '--baseline',
      'base.json',
      '--github',
    ];
    const env = { ...process.env, GITHUB_STEP_SUMMARY: summary, SWITCHBOARD_URL: '', SWITCHBOARD_API_KEY: '' };
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(annotations(stdout)).toHaveLength(2);
    expect(fs.existsSync(path.join(dir, 'run.json'))).toBe(true);
    expect(fs.readFileSync(summary, 'utf8')).toContain(
      'Against the baseline: 100% → 67% (−33.3 points): **regressed** by more than the tolerance 5.0%.',
    );
  });
});
