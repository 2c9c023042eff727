// `switchboard eval import junit`: a real pytest run (test/fixtures/pytest-evals) writes JUnit XML,
// the import turns it into the run it uploads (cases, pass/fail, times, failure messages, skipped
// tests left out), and refuses what is not JUnit XML with exit 3 and nothing uploaded.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '@/lib/cli/main';
import { EvalRunUploadSchema, type EvalRunInput } from '@/lib/validations/eval-run';
import { FIXTURES, requirePython, runPytest } from '../support/python';

let dir: string;
let xml: string;
let pytest: { code: number; output: string };
let out: { stdout: string; stderr: string };

/** Stands in for POST /api/v1/eval-runs. */
const server = { uploads: [] as unknown[], url: '', close: () => {} };

beforeAll(async () => {
  requirePython({ pytest: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evals-junit-'));
  xml = path.join(dir, 'results.xml');
  pytest = await runPytest(path.join(FIXTURES, 'pytest-evals/test_answers.py'), xml);
  const httpServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      server.uploads.push(JSON.parse(body));
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: 9, url: '/features/support-agent/evals/9' }));
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  server.close = () => httpServer.close();
}, 60_000);
afterAll(() => server.close());
beforeEach(() => {
  out = { stdout: '', stderr: '' };
  server.uploads = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void (out.stdout += `${a.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...a) => void (out.stderr += `${a.join(' ')}\n`));
});
afterEach(() => vi.restoreAllMocks());

const junit = (...args: string[]) =>
  main(['eval', 'import', 'junit', ...args], { callerCwd: dir, projectRoot: process.cwd() });
const written = (file: string) => EvalRunUploadSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
const byName = (run: EvalRunInput) => Object.fromEntries(run.results.map((r) => [r.name, r]));

describe('switchboard eval import junit', () => {
  it('imports what pytest --junitxml wrote: one case per test, failures and errors with their messages, skipped tests left out', async () => {
    // 1 failed, 4 passed, 1 skipped, 1 error: pytest exits 1.
    expect(pytest.output).toMatch(/1 failed, 4 passed, 1 skipped, 1 error/);
    expect(pytest.code).toBe(1);

    expect(
      await junit('results.xml', '--feature', 'support-agent', '--name', 'pytest evals', '--output', 'run.json'),
    ).toBe(0);
    expect(out.stdout).toContain(
      'results.xml: 6 results, 4 passed (67%), for support-agent. 1 skipped, not counted.\nWrote run.json.',
    );
    const run = written('run.json');
    expect(run).toMatchObject({ feature: 'support-agent', name: 'pytest evals', environment: 'production' });
    expect(Date.parse(run.finishedAt!) - Date.parse(run.startedAt)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(Date.parse(run.startedAt) - Date.now())).toBeLessThan(5 * 60_000);
    expect(run.results.map((r) => [r.name, r.passed])).toEqual([
      ['test_answers::test_refund_mentions_the_delay', true],
      ['test_answers::test_password_points_to_settings[Reset my password]', true],
      ['test_answers::test_password_points_to_settings[I forgot my PASSWORD]', true],
      ['test_answers::test_cancellation_is_explained', false],
      ['test_answers::test_tone_is_polite', false],
      ['test_answers.TestEscalation::test_unknown_topic_says_sorry', true],
    ]);
    for (const r of run.results) expect(r.latencyMs).toEqual(expect.any(Number));

    const cases = byName(run);
    const failed = cases['test_answers::test_cancellation_is_explained'];
    expect(failed).toMatchObject({ score: 0, error: null, output: null, repeat: 0 });
    expect(failed.assertions).toHaveLength(1);
    expect(failed.assertions[0]).toMatchObject({ type: 'failure', passed: false, score: 0, weight: 1 });
    expect(failed.assertions[0].reason).toMatch(
      /^AssertionError: the answer does not explain cancelling: 'Sorry, I cannot help with that.'\nassert 'cancel' in /,
    );
    expect(cases['test_answers::test_tone_is_polite']).toMatchObject({
      assertions: [],
      error: 'failed on setup with "RuntimeError: the judge model is not configured"',
    });
    expect(cases['test_answers::test_refund_mentions_the_delay']).toMatchObject({
      passed: true,
      score: 1,
      assertions: [],
      error: null,
    });
  });

  it('uploads the run; the promptfoo import is unchanged beside it', async () => {
    expect(
      await junit('results.xml', '--feature', 'support-agent', '--upload', '--url', server.url, '--key', 'writer'),
    ).toBe(0);
    expect(out.stdout).toContain(`Uploaded: ${server.url}/features/support-agent/evals/9`);
    expect(EvalRunUploadSchema.parse(server.uploads[0]).results).toHaveLength(6);
    const promptfoo = main(
      [
        'eval',
        'import',
        path.join(FIXTURES, 'promptfoo-results.json'),
        '--feature',
        'support-agent',
        '--output',
        'pf.json',
      ],
      { callerCwd: dir, projectRoot: process.cwd() },
    );
    expect(await promptfoo).toBe(0);
    expect(written('pf.json').results).toHaveLength(4);
  });

  it("reads a testcase met again as a repeat, a long name cut with a hash, and another writer's nested suites", async () => {
    const long = 'x'.repeat(300);
    fs.writeFileSync(
      path.join(dir, 'other.xml'),
      `<testsuite name="outer" timestamp="2026-03-01T10:00:00Z" time="2.5"><testsuite name="inner">
        <testcase name="flaky" classname="suite" time="1.5"><failure>Expected 3\nbut got 4</failure></testcase>
        <testcase name="flaky" classname="suite" time="0.25"/>
        <testcase name="${long}a"/><testcase name="${long}b"/>
        <testcase name="xfail"><skipped/></testcase>
      </testsuite></testsuite>`,
    );
    expect(await junit('other.xml', '--feature', 'support-agent', '--output', 'other.json')).toBe(0);
    const run = written('other.json');
    expect(run).toMatchObject({ startedAt: '2026-03-01T10:00:00.000Z', finishedAt: '2026-03-01T10:00:02.500Z' });
    expect(run.results.slice(0, 2).map((r) => [r.name, r.repeat, r.passed, r.latencyMs])).toEqual([
      ['suite::flaky', 0, false, 1500],
      ['suite::flaky', 1, true, 250],
    ]);
    // Without a message attribute: the last line of the text.
    expect(run.results[0].assertions[0].reason).toBe('but got 4');
    const [a, b] = run.results.slice(2).map((r) => r.name);
    expect(a).toHaveLength(200);
    expect(a).not.toBe(b);
    expect(a.startsWith('x'.repeat(190))).toBe(true);
  });

  it('exit 3 and nothing written or uploaded for a file that is not JUnit XML', async () => {
    const refused = async (file: string, content: string | Buffer, message: string) => {
      fs.writeFileSync(path.join(dir, file), content);
      expect(
        await junit(
          file,
          '--feature',
          'support-agent',
          '--upload',
          '--url',
          server.url,
          '--key',
          'writer',
          '--output',
          `${file}.json`,
        ),
      ).toBe(3);
      expect(out.stderr).toContain(
        `switchboard: ${file} is not JUnit XML that can be imported (pytest --junitxml=results.xml writes it): ${message}`,
      );
      expect(fs.existsSync(path.join(dir, `${file}.json`))).toBe(false);
    };
    await refused(
      'results.json',
      '{"results": {"results": []}}',
      'not well-formed XML: line 1, column 1: text before the root element',
    );
    const pytestXml = fs.readFileSync(xml, 'utf8');
    await refused(
      'cut.xml',
      pytestXml.slice(0, pytestXml.indexOf('<testcase ', 400) + '<testcase '.length),
      'not well-formed XML: line 1, column',
    );
    expect(out.stderr).toMatch(/cut.xml .*: <testcase> is not closed with >/);
    const unclosed = pytestXml.slice(0, pytestXml.lastIndexOf('</testsuite>'));
    await refused(
      'unclosed.xml',
      unclosed,
      `not well-formed XML: line ${unclosed.split('\n').length}, column ${unclosed.length - unclosed.lastIndexOf('\n')}: <testsuite> (line 1) is not closed`,
    );
    await refused(
      'page.xml',
      '<?xml version="1.0"?>\n<html><body><p>Not a report</p></body></html>',
      'the root element is <html>; JUnit XML has <testsuites> or <testsuite>',
    );
    await refused(
      'empty.xml',
      '<testsuites><testsuite name="pytest" tests="0"/></testsuites>',
      'it has no <testcase> elements: no test ran, or this is not a test report',
    );
    await refused(
      'skipped.xml',
      '<testsuite><testcase name="a"><skipped/></testcase></testsuite>',
      'all 1 testcases were skipped: there is nothing to import',
    );
    await refused(
      'fields.xml',
      '<testsuite>\n<testcase classname="c"/>\n<testcase name="b" time="soon"/></testsuite>',
      '\n  line 2: <testcase> needs a name attribute\n  line 3: <testcase> "b" time must be a number of seconds, e.g. time="0.25"',
    );
    await refused(
      'binary.xml',
      Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]),
      'it is not UTF-8 text',
    );
    await refused(
      'bomb.xml',
      '<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><testsuite><testcase name="&b;"/></testsuite>',
      'not well-formed XML: line 1, column 1: a DOCTYPE is not accepted',
    );
    // Oversized: refused from its size, before it is read (a sparse file of 21 MB).
    fs.writeFileSync(path.join(dir, 'huge.xml'), '');
    fs.truncateSync(path.join(dir, 'huge.xml'), 21 * 1024 * 1024);
    expect(
      await junit('huge.xml', '--feature', 'support-agent', '--upload', '--url', server.url, '--key', 'writer'),
    ).toBe(3);
    expect(out.stderr).toContain(
      'huge.xml is not JUnit XML that can be imported (pytest --junitxml=results.xml writes it): it has 21.0 MB; at most 20.0 MB are read',
    );
    expect(await junit('missing.xml', '--feature', 'support-agent', '--output', 'x.json')).toBe(3);
    expect(out.stderr).toContain('Cannot read missing.xml: ENOENT');
    expect(server.uploads).toEqual([]);
  });

  it('exit 2 without --feature, or without --upload and --output', async () => {
    expect(await junit('results.xml', '--output', 'x.json')).toBe(2);
    expect(out.stderr).toContain('Missing --feature.');
    expect(await junit('results.xml', '--feature', 'support-agent')).toBe(2);
    expect(out.stderr).toContain('Give --upload, --output F, or both: where the imported run goes.');
  });
});
