// The real Prometheus Alertmanager (Debian's prometheus-alertmanager) notifying a flag trigger:
// two alerts of one group fire → one kill, with the first alert's summary as the reason; both
// resolve → the switch is restored (restoreOnResolve). Alerts are posted to Alertmanager's own
// API, as Prometheus would; Alertmanager builds and sends the webhook bodies.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { freePort } from '../support/ports';
import { createFeature } from '../support/switches';
import { createTestKey, testDatabase } from '../support/system';
import { createTrigger, onTestServer, storedSwitch } from '../support/triggers';

const ALERTMANAGER = process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager';

let alertmanager: ChildProcess | undefined;
let alertmanagerUrl: string;
let dir: string;
let output = '';
let feature: string;

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`${what} within ${timeoutMs / 1000} s. Alertmanager's output:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  feature = await createFeature('am-trigger');
  const writeKey = await createTestKey(['switches:write'], 'alertmanager-setup');
  const { url } = await createTrigger(writeKey, feature, {
    name: 'alertmanager',
    action: 'kill',
    restoreOnResolve: true,
  });
  dir = mkdtempSync(path.join(tmpdir(), 'switchboard-am-'));
  writeFileSync(
    path.join(dir, 'alertmanager.yml'),
    [
      'route:',
      '  receiver: switchboard',
      "  group_by: ['alertname']",
      '  group_wait: 1s',
      '  group_interval: 2s',
      '  repeat_interval: 1h',
      'receivers:',
      '  - name: switchboard',
      '    webhook_configs:',
      `      - url: '${onTestServer(url)}'`,
      '        send_resolved: true',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  alertmanagerUrl = `http://127.0.0.1:${port}`;
  alertmanager = spawn(
    ALERTMANAGER,
    [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${dir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=debug',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  alertmanager.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  alertmanager.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  await until('Alertmanager did not become ready', async () => (await fetch(`${alertmanagerUrl}/-/ready`)).ok);
}, 60_000);

afterAll(async () => {
  alertmanager?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Posts alerts to Alertmanager's API v2, as Prometheus does on every evaluation. */
async function postAlerts(endsAt: Date) {
  const alerts = ['eu', 'us'].map((region) => ({
    labels: { alertname: 'LLMErrorBudgetBurn', feature, region },
    annotations: { summary: `${feature} burns its error budget 14x in ${region}` },
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: endsAt.toISOString(),
    generatorURL: 'http://prometheus.example/graph',
  }));
  const res = await fetch(`${alertmanagerUrl}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
  });
  expect(res.status).toBe(200);
}

async function flips() {
  const { db } = await testDatabase();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'switch.flip'), eq(auditLog.targetId, feature)));
}

describe('Alertmanager → trigger URL', () => {
  it('kills the switch once for a group of two firing alerts, with the alert summary as the reason', async () => {
    await postAlerts(new Date(Date.now() + 3_600_000));
    const killed = await until('The switch was not killed', async () => {
      const row = await storedSwitch(feature);
      return row?.killed ? row : undefined;
    });
    expect(killed.updatedBy).toBe('trigger:alertmanager');
    expect(killed.reason).toMatch(
      new RegExp(`^LLMErrorBudgetBurn: ${feature} burns its error budget 14x in (eu|us) \\(\\+1 more\\)$`),
    );
    expect(await flips()).toHaveLength(1);
  }, 60_000);

  it('restores the switch when Alertmanager sends the resolve', async () => {
    await postAlerts(new Date());
    await until('The switch was not restored', async () => (await storedSwitch(feature))?.killed === false);
    const all = await flips();
    expect(all).toHaveLength(2);
    expect(all.map((f) => (f.after as { killed: boolean }).killed).sort()).toEqual([false, true]);
    expect(all.every((f) => f.actorLabel === 'trigger:alertmanager')).toBe(true);
  }, 60_000);
});
