// `switchboard eval --upload` and `eval import` end to end: the real CLI, the mock provider and
// the running app. The run lands on the dashboard; once marked baseline, the next CI run is
// compared against it and a regression fails the build with the case named.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockProvider, type MockProvider } from '@/lib/mock-provider';
import { runCli } from '../support/cli';
import { createFeature } from '../support/switches';
import { baseUrl, createTestKey } from '../support/system';

let provider: MockProvider;
let ciEnv: Record<string, string>;
let adminKey: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-upload-'));

beforeAll(async () => {
  provider = await startMockProvider({ port: 0 });
  ciEnv = {
    SWITCHBOARD_URL: baseUrl(),
    SWITCHBOARD_API_KEY: await createTestKey(['evals:write', 'read'], 'ci-evals'),
    GITHUB_SHA: 'a1b2c3d4e5f6',
    GITHUB_REF_NAME: 'feature/refunds',
  };
  adminKey = await createTestKey(['config:write', 'read'], 'evals-admin');
});
afterAll(() => provider.close());

function writeSet(feature: string, billingWord: string): string {
  const file = `${feature}-${billingWord}.yaml`;
  fs.writeFileSync(
    path.join(dir, file),
    `feature: ${feature}
threshold: 0.5
regressionTolerance: 0.05
model: gpt-4o-mini
promptVersion: v7
target:
  type: http
  baseUrl: ${provider.baseUrl}
  model: gpt-4o-mini
  prompt: "{{question}}"
cases:
  - { name: refund, vars: { question: "Where is my refund?" }, assert: [{ type: contains, value: refund }] }
  - { name: billing, vars: { question: "Why is my invoice higher?" }, assert: [{ type: icontains, value: ${billingWord} }] }
  - { name: password, vars: { question: "How do I reset my password?" }, assert: [{ type: contains, value: password }] }
`,
  );
  return file;
}

const api = async (method: string, url: string, key: string) => {
  const res = await fetch(`${baseUrl()}${url}`, { method, headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: await res.json() };
};

describe('switchboard eval --upload', () => {
  it('uploads the run with git labels, then fails the next run on a regression against the marked baseline', async () => {
    const feature = await createFeature('eval-upload');
    const first = await runCli(['eval', writeSet(feature, 'invoice'), '--upload'], { cwd: dir, env: ciEnv });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`No run is marked baseline for ${feature} yet: nothing to compare against.`);
    const url = first.stdout.match(/Uploaded: (\S+)/)?.[1];
    expect(url).toBeTruthy();
    const runs = await api('GET', `/api/v1/features/${encodeURIComponent(feature)}/eval-runs`, adminKey);
    expect(runs.status).toBe(200);
    const listed = runs.body.runs as {
      id: number;
      url: string;
      passRate: number;
      gitCommit?: string;
      gitBranch?: string;
      model?: string;
      promptVersion?: string;
    }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      url,
      passRate: 1,
      gitBranch: expect.any(String),
      model: 'gpt-4o-mini',
      promptVersion: 'v7',
    });

    expect((await api('PUT', `/api/v1/eval-runs/${listed[0].id}/baseline`, adminKey)).status).toBe(200);
    const second = await runCli(['eval', writeSet(feature, 'kiwi'), '--upload'], { cwd: dir, env: ciEnv });
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(
      'Against the baseline (100% → 67%, tolerance 5.0%): REGRESSED\n  Regressed (1):\n    billing: passed → failed',
    );
    expect(second.stdout).toMatch(/Uploaded: \S+/);
    const baseline = await api('GET', `/api/v1/features/${encodeURIComponent(feature)}/eval-runs/baseline`, adminKey);
    expect(baseline.body.id).toBe(listed[0].id);
  });

  it('imports a promptfoo result file, and refuses a key without evals:write with exit 4', async () => {
    const feature = await createFeature('eval-import');
    const fixture = path.resolve('test/fixtures/promptfoo-results.json');
    const imported = await runCli(['eval', 'import', fixture, '--feature', feature, '--upload'], {
      cwd: dir,
      env: ciEnv,
    });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`4 results, 2 passed (50%), for ${feature}.`);
    const runId = Number(imported.stdout.match(/Uploaded: \S+\/(\d+)\s*$/m)?.[1]);
    const run = await api('GET', `/api/v1/eval-runs/${runId}`, adminKey);
    expect(run.body).toMatchObject({ feature, total: 4, passed: 2, model: 'gpt-4o-mini' });
    expect(run.body.results.map((r: { name: string; repeat: number }) => `${r.name}#${r.repeat}`).sort()).toEqual(
      ['export status#0', 'question=How do I cancel?, plan=pro#0', 'refund status#0', 'refund status#1'].sort(),
    );

    const readOnly = await runCli(['eval', 'import', fixture, '--feature', feature, '--upload'], {
      cwd: dir,
      env: { ...ciEnv, SWITCHBOARD_API_KEY: adminKey },
    });
    expect(readOnly.code).toBe(4);
    expect(readOnly.stderr).toMatch(/\(HTTP 403\)/);
  });
});
