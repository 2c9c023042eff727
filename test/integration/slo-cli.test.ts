// `switchboard slo get|apply` as a user runs them: a real process talking to the running app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { runCli } from '../support/cli';
import { createFeature } from '../support/switches';
import { baseUrl, createTestKey, testDatabase } from '../support/system';

let writeEnv: Record<string, string>;
let readEnv: Record<string, string>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-cli-'));

beforeAll(async () => {
  writeEnv = { SWITCHBOARD_URL: baseUrl(), SWITCHBOARD_API_KEY: await createTestKey(['config:write'], 'ci-slo') };
  readEnv = { SWITCHBOARD_URL: baseUrl(), SWITCHBOARD_API_KEY: await createTestKey(['read'], 'ci-slo-read') };
});

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const yamlFor = (feature: string, objective = '0.99') => `# reviewed in git
feature: ${feature}
slos:
  - name: fast-answers
    sli: latency
    measure: total
    thresholdMs: 30000
    objective: ${objective}
    window: 28d
  - name: up
    sli: availability
    countFallbackAsGood: true
    objective: 0.995
    window: 30d
budgets:
  dailyUsd: 50
  monthlyUsd: 1200
  thresholds: [0.5, 0.8, 1.0]
`;

describe('switchboard slo apply', () => {
  it('applies a YAML file, prints what changed, and slo get prints it back for the next apply', async () => {
    const feature = await createFeature('cli-slo');
    const source = file('a.yaml', yamlFor(feature));

    const dry = await runCli(['slo', 'apply', source, '--dry-run'], { env: writeEnv });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      `Dry run: applying ${source} to ${feature} would make 3 changes (nothing was changed):`,
    );
    const got0 = await runCli(['slo', 'get', feature], { env: readEnv });
    expect(parse(got0.stdout).slos).toEqual([]);

    const applied = await runCli(['slo', 'apply', source, '--reason', 'Launch SLOs — agreed in review'], {
      env: writeEnv,
    });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toBe(
      [
        `Applied ${source} to ${feature}: 3 changes.`,
        '  + SLO fast-answers: 99% of calls complete in under 30.0 s over 28 days in production',
        '  + SLO up: 99.5% of calls succeed (any route that answers counts) over 30 days in production',
        '  ~ budgets: dailyUsd none → 50, monthlyUsd none → 1200',
        '',
      ].join('\n'),
    );
    const entries = await (
      await testDatabase()
    ).db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'feature'), eq(auditLog.targetId, feature)));
    const why = 'Launch SLOs — agreed in review';
    expect(entries.map((e) => [e.action, e.actorLabel, e.reason])).toEqual([
      ['slo.create', 'key ci-slo', why],
      ['slo.create', 'key ci-slo', why],
      ['budgets.update', 'key ci-slo', why],
    ]);

    const got = await runCli(['slo', 'get', feature], { env: readEnv });
    expect(got.code).toBe(0);
    expect(got.stdout.startsWith(`feature: ${feature}\nslos:\n`)).toBe(true);
    const roundTrip = file('b.yaml', got.stdout.replace('objective: 0.995', 'objective: 0.999'));
    const again = await runCli(['slo', 'apply', roundTrip], { env: writeEnv });
    expect(again.stdout).toContain('~ SLO up: objective 0.995 → 0.999');
    expect((await runCli(['slo', 'apply', roundTrip], { env: writeEnv })).stdout).toBe(
      `${feature} already matches ${roundTrip}: nothing to change.\n`,
    );
  });

  it('stops at a YAML or schema error with exit 3, naming file, line and field, and changes nothing', async () => {
    const feature = await createFeature('cli-slo-bad');
    const wrong = file('wrong.yaml', yamlFor(feature, '99'));
    const res = await runCli(['slo', 'apply', wrong], { env: writeEnv });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(
      `${wrong}:8:16: slos.0.objective: Write the objective as a fraction: 0.99 for 99%, not 99.`,
    );

    const broken = file('broken.yaml', `feature: ${feature}\nslos:\n  - name: up\n    sli: [availability\n`);
    const syntax = await runCli(['slo', 'apply', broken], { env: writeEnv });
    expect(syntax.code).toBe(3);
    expect(syntax.stderr).toMatch(new RegExp(`${broken.replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
    expect(syntax.stderr).toContain('is not valid YAML or JSON');

    const missing = await runCli(['slo', 'apply', path.join(dir, 'nope.yaml')], { env: writeEnv });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('Cannot read');

    expect(parse((await runCli(['slo', 'get', feature], { env: readEnv })).stdout).slos).toEqual([]);
  });

  it('exits 4 when the server refuses (scope, unknown feature) or cannot be reached, 2 on wrong usage', async () => {
    const feature = await createFeature('cli-slo-refused');
    const source = file('c.yaml', yamlFor(feature));
    const readOnly = await runCli(['slo', 'apply', source], { env: readEnv });
    expect(readOnly.code).toBe(4);
    expect(readOnly.stderr).toContain('lacks the "config:write" scope');

    const unknown = await runCli(['slo', 'apply', file('d.yaml', yamlFor('no-such-feature'))], { env: writeEnv });
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('There is no feature "no-such-feature"');

    const down = await runCli(['slo', 'get', feature], { env: { ...readEnv, SWITCHBOARD_URL: 'http://127.0.0.1:9' } });
    expect(down.code).toBe(4);
    expect(down.stderr).toContain('Cannot reach Switchboard at http://127.0.0.1:9');

    const usage = await runCli(['slo', 'apply'], { env: writeEnv });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Missing <file>.');
  });
});

describe('switchboard slo apply and get with OpenSLO', () => {
  const openSlo = (name: string, feature: string) =>
    fs
      .readFileSync(`test/fixtures/openslo/${name}`, 'utf8')
      .replaceAll('service: support-agent', `service: ${feature}`);

  it('applies an OpenSLO file without touching budgets, and slo get --format openslo prints it back exactly', async () => {
    // yamlFor's fast-answers and up are the fixture's too: applying it adds the other five.
    const feature = await createFeature('cli-openslo');
    expect((await runCli(['slo', 'apply', file('budgets.yaml', yamlFor(feature))], { env: writeEnv })).code).toBe(0);
    const source = file('openslo.yaml', openSlo('valid.yaml', feature));

    const applied = await runCli(['slo', 'apply', source, '--reason', 'OpenSLO import'], { env: writeEnv });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toBe(
      [
        `Applied ${source} to ${feature}: 5 changes.`,
        '  + SLO first-token: 95% of calls reach their first token in under 2.00 s over 7 days in production',
        '  + SLO primary-up: 99% of calls succeed on the primary model (fallbacks count as bad) over 30 days in staging',
        '  + SLO correct: 90% of scored calls score at least 0.7 over 7 days in production',
        '  + SLO evals-pass: 95% of eval cases pass over 28 days in production',
        '  + SLO cheap: 99% of calls cost under $0.02 over 30 days in production',
        '',
      ].join('\n'),
    );

    const ours = parse((await runCli(['slo', 'get', feature], { env: readEnv })).stdout);
    expect(ours.budgets).toEqual({ dailyUsd: 50, monthlyUsd: 1200, thresholds: [0.5, 0.8, 1] });
    expect(ours.slos.map((s: { name: string }) => s.name)).toEqual([
      'fast-answers',
      'up',
      'first-token',
      'primary-up',
      'correct',
      'evals-pass',
      'cheap',
    ]);

    // A feature that has exactly the file's SLOs prints the file byte for byte, and applying that changes nothing.
    const exact = await createFeature('cli-openslo-exact');
    const exactSource = file('exact.yaml', openSlo('valid.yaml', exact));
    expect((await runCli(['slo', 'apply', exactSource], { env: writeEnv })).code).toBe(0);
    const got = await runCli(['slo', 'get', exact, '--format', 'openslo'], { env: readEnv });
    expect(got.code).toBe(0);
    expect(got.stdout).toBe(openSlo('valid.yaml', exact));
    const again = file('again.yaml', got.stdout);
    expect((await runCli(['slo', 'apply', again], { env: writeEnv })).stdout).toBe(
      `${exact} already matches ${again}: nothing to change.\n`,
    );
  });

  it('stops at a refused OpenSLO field with exit 3, naming file, line and field, and changes nothing', async () => {
    const feature = await createFeature('cli-openslo-bad');
    const wrong = file('timeslices.yaml', openSlo('timeslices.yaml', feature));
    const res = await runCli(['slo', 'apply', wrong], { env: writeEnv });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(
      `${wrong}:27:20: 0.spec.budgetingMethod: Only "Occurrences" is supported (good events of all events), not "Timeslices".`,
    );
    const kinds = await runCli(['slo', 'apply', file('kinds.yaml', openSlo('other-kinds.yaml', feature))], {
      env: writeEnv,
    });
    expect(kinds.code).toBe(3);
    expect(kinds.stderr).toContain('0.kind: kind Service is not applied');
    expect(parse((await runCli(['slo', 'get', feature], { env: readEnv })).stdout).slos).toEqual([]);

    const format = await runCli(['slo', 'get', feature, '--format', 'xml'], { env: readEnv });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format: Must be switchboard (our document) or openslo.');
  });
});
