// `switchboard eval` as CI runs it: a real process, in the user's directory, against the mock
// provider; the exit code gates the build and stdout says why.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockProvider, type MockProvider } from '@/lib/mock-provider';
import { runCli } from '../support/cli';
import { parseXmlStrict } from '../support/xml';

let provider: MockProvider;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-cli-'));
// Without a server configured, the run compares only against --baseline files.
const env = { SWITCHBOARD_URL: '', SWITCHBOARD_API_KEY: '' };

beforeAll(async () => {
  provider = await startMockProvider({ port: 0 });
});
afterAll(() => provider.close());

/** Writes an eval set whose `billing` case expects `billingWord` in the answer. */
function writeSet(file: string, { billingWord = 'invoice', threshold = 1 } = {}): string {
  fs.writeFileSync(
    path.join(dir, file),
    `feature: support-agent
name: support answers
threshold: ${threshold}
regressionTolerance: 0.05
target:
  type: http
  baseUrl: ${provider.baseUrl}
  model: gpt-4o-mini
  messages:
    - { role: system, content: "You answer support questions." }
    - { role: user, content: "{{question}}" }
cases:
  - name: refund
    vars: { question: "Where is my refund?" }
    assert: [{ type: contains, value: refund }]
  - name: billing
    vars: { question: "Why is my invoice higher?" }
    assert: [{ type: contains, value: ${billingWord} }]
  - name: password
    vars: { question: "How do I reset my password?" }
    assert: [{ type: contains, value: password }, { type: not-contains, value: "I cannot help" }]
`,
  );
  return file;
}

const evalCli = (...args: string[]) => runCli(['eval', ...args], { cwd: dir, env });

describe('switchboard eval', () => {
  it("exits 0 on a passing set, writes JUnit and results in the caller's directory, and a rerun is served from the cache", async () => {
    const file = writeSet('passing.yaml');
    const before = provider.stats().requests;
    const first = await evalCli(file, '--junit', 'reports/junit.xml', '--output', 'reports/results.json');
    expect(first.stderr).toContain('eval: 3/3 (100%)  passed 3  failed 0');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'support answers: 3/3 passed, pass rate 100% meets the threshold 100%\n  model gpt-4o-mini · 0 cached',
    );
    expect(provider.stats().requests - before).toBe(3);
    const suite = parseXmlStrict(fs.readFileSync(path.join(dir, 'reports/junit.xml'), 'utf8')).children[0];
    expect(suite.children.map((c) => c.attributes.name)).toEqual(['refund', 'billing', 'password']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'reports/results.json'), 'utf8'))).toMatchObject({
      feature: 'support-agent',
      total: 3,
      passed: 3,
    });

    const second = await evalCli(file);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      '3/3 passed, pass rate 100% meets the threshold 100%\n  model gpt-4o-mini · 3 cached',
    );
    expect(provider.stats().requests - before).toBe(3);
    expect(fs.readdirSync(path.join(dir, '.switchboard/eval-cache')).length).toBeGreaterThan(0);

    const fresh = await evalCli(file, '--no-cache');
    expect(fresh.code).toBe(0);
    expect(provider.stats().requests - before).toBe(6);
  });

  it('exits 1 below the threshold, listing the failed cases and why', async () => {
    const run = await evalCli(writeSet('below.yaml', { billingWord: 'kiwi', threshold: 0.9 }), '--repeat', '2');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('support answers: 4/6 passed, pass rate 67% is BELOW the threshold 90%');
    expect(run.stdout).toMatch(
      /Pass rate per case:\n\s+case\s+passed\s+rate\n\s+refund\s+2\/2\s+100%\n\s+billing\s+0\/2\s+0%\n\s+password\s+2\/2\s+100%/,
    );
    expect(run.stdout).toMatch(
      /Failed \(2\):\n\s+case\s+run\s+output\s+why\n\s+billing\s+1\s+".+"\s+contains: .*kiwi.*\n\s+billing\s+2\s+/,
    );
    expect(run.stderr).toContain('switchboard: eval failed: the pass rate 67% is below the threshold 90%.');
  });

  it('exits 1 on a regression against a --baseline file, naming the regressed case with its old and new result', async () => {
    expect((await evalCli(writeSet('base.yaml', { threshold: 0.5 }), '--output', 'baseline.json')).code).toBe(0);
    const run = await evalCli(
      writeSet('changed.yaml', { billingWord: 'kiwi', threshold: 0.5 }),
      '--baseline',
      'baseline.json',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('support answers: 2/3 passed, pass rate 67% meets the threshold 50%');
    expect(run.stdout).toContain(
      'Against the baseline (100% → 67%, tolerance 5.0%): REGRESSED\n  Regressed (1):\n    billing: passed → failed',
    );
    expect(run.stderr).toContain(
      'the pass rate fell from 100% to 67% against the baseline, more than the tolerance 5.0% (regressed: billing)',
    );
  });

  it('exits 3 when the eval file cannot be read', async () => {
    const run = await evalCli('nowhere.yaml');
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/switchboard: .*nowhere\.yaml/);
  });
});
