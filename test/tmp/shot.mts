import postgres from 'postgres';
import { chromium } from 'playwright-core';
import { startScenario } from '../reliability/support/environment.ts';
import { sdkCall } from '../reliability/support/traffic.ts';
const s = await startScenario({ readReplica: true, env: { SWITCHBOARD_ADMIN_EMAIL: 'admin@example.test', SWITCHBOARD_ADMIN_PASSWORD: 'correct horse battery', SWITCHBOARD_READ_MAX_LAG_SECONDS: '600' } });
try {
  const key = await s.createKey(['ingest'], 'shot');
  for (const f of ['support-agent', 'summarizer']) {
    await fetch(`${s.apps[0].url}/api/v1/calls`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ calls: Array.from({ length: 50 }, () => sdkCall(f)) }) });
  }
  await new Promise((r) => setTimeout(r, 3000));
  const standby = postgres(s.standbyUrl!, { max: 1 });
  await standby`select pg_wal_replay_pause()`;
  await fetch(`${s.apps[0].url}/api/v1/calls`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ calls: [sdkCall('support-agent')] }) });
  await new Promise((r) => setTimeout(r, 8_000));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${s.apps[0].url}/login`);
  await page.getByLabel('E-mail').fill('admin@example.test');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${s.apps[0].url}/`);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '/tmp/replica-lag.png' });
  console.log(await page.getByRole('status').allInnerTexts());
  await browser.close();
  await standby`select pg_wal_replay_resume()`;
  await standby.end();
} finally {
  await s.close();
}
process.exit(0);
