// `switchboard eval` with an exec target: a real Python app (test/fixtures/python-eval-app/app.py)
// answers each case on stdout; passing, failing, timed-out (SIGTERM, then SIGKILL), crashing,
// non-JSON and flooding cases end as the contract in docs/evals.md says.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '@/lib/cli/main';
import type { RunResults } from '@/lib/evals/types';
import { FIXTURES, PYTHON, requirePython } from '../support/python';

let dir: string;
let out: { stdout: string; stderr: string };

beforeAll(() => requirePython());
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evals-exec-'));
  // A copy beside the eval file: the command runs in the eval file's folder by default.
  fs.copyFileSync(path.join(FIXTURES, 'python-eval-app/app.py'), path.join(dir, 'app.py'));
  out = { stdout: '', stderr: '' };
  vi.stubEnv('PYTHONDONTWRITEBYTECODE', '1');
  vi.spyOn(console, 'log').mockImplementation((...a) => void (out.stdout += `${a.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...a) => void (out.stderr += `${a.join(' ')}\n`));
  vi.spyOn(process.stderr, 'write').mockImplementation((t) => ((out.stderr += String(t)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const cli = (...args: string[]) => main(['eval', ...args], { callerCwd: dir, projectRoot: process.cwd() });
const results = (file = 'results.json') => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as RunResults;
const byName = (run: RunResults) => Object.fromEntries(run.results.map((r) => [r.name, r]));
/** Killed: no such process, or a zombie that its new parent (init, once sh is gone) has not reaped yet. */
function killed(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

function writeSet(cases: string, target = `{ type: exec, command: [${PYTHON}, app.py], timeoutMs: 3000 }`): string {
  fs.writeFileSync(
    path.join(dir, 'support.yaml'),
    `feature: support-agent\nthreshold: 0.5\nconcurrency: 10\ntarget: ${target}\ncases:\n${cases}`,
  );
  return 'support.yaml';
}
const ask = (name: string, question: string, contains: string) =>
  `  - { name: ${name}, vars: { question: "${question}" }, assert: [{ type: contains, value: "${contains}" }] }\n`;
const mode = (name: string, vars: string) =>
  `  - { name: ${name}, vars: { question: x, ${vars} }, assert: [{ type: is-json }] }\n`;

describe('the exec target', () => {
  it(
    'runs the Python app once per case: answers pass or fail, and every way the program fails is a case error',
    { timeout: 60_000 },
    async () => {
      const pidFile = path.join(dir, 'stubborn.pid');
      const file = writeSet(
        ask('refund', 'Where is my refund?', '5 business days') +
          ask('password', 'How do I reset my password?', 'Settings') +
          ask('joke', 'Tell me a joke', 'knock knock') +
          `  - { name: echo, vars: { mode: echo, question: "Où est mon remboursement ?" }, expected: "the secret answer", assert: [{ type: not-contains, value: secret }] }\n` +
          mode('slow', 'mode: slow') +
          mode('stubborn', `mode: stubborn, pidFile: "${pidFile}"`) +
          mode('crash', 'mode: crash') +
          mode('exit', 'mode: exit, code: 7') +
          mode('garbage', 'mode: garbage') +
          mode('flood', 'mode: flood'),
        `{ type: exec, command: [${PYTHON}, app.py], env: { SUPPORT_BOT_TONE: warm }, timeoutMs: 3000 }`,
      );
      const started = Date.now();
      expect(await cli(file, '--output', 'results.json')).toBe(1);
      // Concurrently: the slow cases took the timeout and the stubborn one its 2 s grace, not more.
      expect(Date.now() - started).toBeLessThan(20_000);
      const run = results();
      expect(run).toMatchObject({ feature: 'support-agent', target: { kind: 'exec' }, total: 10, passed: 3 });
      expect(out.stderr).toContain('switchboard: eval failed: the pass rate 30% is below the threshold 50%.');
      const r = byName(run);

      expect(r.refund).toMatchObject({
        passed: true,
        error: null,
        costUsd: 0.0001,
        output: 'Your refund was issued on Monday and arrives within 5 business days.',
      });
      expect(r.refund.latencyMs).toBeGreaterThan(0);
      expect(r.password.passed).toBe(true);
      expect(r.joke).toMatchObject({ passed: false, error: null, output: 'Sorry, I cannot help with that.' });
      expect(r.joke.assertions[0]).toMatchObject({ type: 'contains', passed: false });

      // The stdin contract: the case's name and vars, not its expected output; the target's env on top of ours.
      expect(r.echo.passed).toBe(true);
      expect(JSON.parse(r.echo.output!)).toEqual({
        stdin: { name: 'echo', vars: { mode: 'echo', question: 'Où est mon remboursement ?' } },
        tone: 'warm',
      });

      const command = `${PYTHON} app.py`;
      expect(r.slow.error).toBe(`${command} timed out after 3000 ms`);
      expect(r.stubborn.error).toBe(`${command} timed out after 3000 ms`);
      // It ignored SIGTERM: SIGKILL ended it.
      expect(killed(Number(fs.readFileSync(pidFile, 'utf8')))).toBe(true);

      expect(r.crash.error).toMatch(
        new RegExp(
          `^${command} exited with code 1: RuntimeError: the model client is not configured\\nstderr \\(last 5 lines\\):\\n`,
        ),
      );
      expect(r.crash.error).toContain('raise RuntimeError("the model client is not configured")');
      expect(r.exit.error).toBe(
        `${command} exited with code 7: giving up\nstderr (last 2 lines):\ncase 'exit', mode exit\ngiving up`,
      );
      expect(r.garbage.error).toBe(
        `${command} did not write JSON to stdout (it wrote "thinking about it..."); it must write the answer as JSON: a string or {"output": …, "costUsd"?: …} (logs go to stderr).`,
      );
      expect(r.flood.error).toBe(`${command} wrote more than 1,048,576 bytes to stdout`);
      for (const failed of [r.slow, r.crash, r.garbage, r.flood])
        expect(failed).toMatchObject({ passed: false, output: null });
      expect(out.stdout).toMatch(/slow\s+\(no output\)\s+.*timed out after 3000 ms/);
    },
  );

  it('a timeout also stops what the program started: its whole process group', { timeout: 30_000 }, async () => {
    const pidFile = path.join(dir, 'grandchild.pid');
    // sh waits for python, which ignores SIGTERM: only the group's SIGKILL ends it.
    const file = writeSet(
      mode('wrapped', `mode: stubborn, pidFile: "${pidFile}"`),
      `{ type: exec, command: [sh, -c, "${PYTHON} app.py; echo done"], timeoutMs: 1000 }`,
    );
    expect(await cli(file, '--output', 'results.json')).toBe(3);
    expect(results().results[0].error).toBe(`sh -c "${PYTHON} app.py; echo done" timed out after 1000 ms`);
    expect(killed(Number(fs.readFileSync(pidFile, 'utf8')))).toBe(true);
  });

  it('caches answers until the app changes', { timeout: 30_000 }, async () => {
    const file = writeSet(
      ask('refund', 'Where is my refund?', 'refund') + ask('password', 'Reset my password', 'password'),
    );
    expect(await cli(file)).toBe(0);
    expect(out.stdout).toContain('2/2 passed');
    expect(await cli(file)).toBe(0);
    expect(out.stdout).toContain('2 cached');
    fs.appendFileSync(path.join(dir, 'app.py'), '\n# edited\n');
    expect(await cli(file, '--output', 'results.json')).toBe(0);
    expect(results().results.map((r) => r.cached)).toEqual([false, false]);
  });

  it(
    'exit 3 for a command written as a string, a missing cwd, or a program that does not exist',
    { timeout: 30_000 },
    async () => {
      expect(await cli(writeSet(ask('refund', 'refund?', 'refund'), '{ type: exec, command: "python3 app.py" }'))).toBe(
        3,
      );
      expect(out.stderr).toContain(
        'target.command: command must be a list: the program and its arguments, e.g. [python3, app.py] (no shell is involved).',
      );
      expect(await cli(writeSet(ask('refund', 'refund?', 'refund'), '{ type: exec, command: [] }'))).toBe(3);
      expect(out.stderr).toContain('command needs at least the program, e.g. [python3, app.py].');
      expect(
        await cli(
          writeSet(ask('refund', 'refund?', 'refund'), `{ type: exec, command: [${PYTHON}, app.py], cwd: ./nowhere }`),
        ),
      ).toBe(3);
      expect(out.stderr).toContain(`The exec target's cwd ./nowhere (${path.join(dir, 'nowhere')}) is not a folder.`);
      expect(
        await cli(
          writeSet(ask('refund', 'refund?', 'refund'), '{ type: exec, command: [no-such-program-xyz, app.py] }'),
        ),
      ).toBe(3);
      expect(out.stderr).toContain(
        'the target could not be reached for any case: Cannot run no-such-program-xyz app.py: no-such-program-xyz was not found',
      );
    },
  );

  it('runs in cwd, relative to the eval file', { timeout: 30_000 }, async () => {
    fs.mkdirSync(path.join(dir, 'bot'));
    fs.renameSync(path.join(dir, 'app.py'), path.join(dir, 'bot/app.py'));
    const file = writeSet(
      ask('refund', 'Where is my refund?', 'refund'),
      `{ type: exec, command: [${PYTHON}, app.py], cwd: bot }`,
    );
    expect(await cli(file, '--no-cache')).toBe(0);
  });
});
