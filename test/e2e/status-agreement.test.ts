// One status on every screen (docs/overview.md): on the demo month, every feature's status is the
// same in the overview API, its table (desktop) and cards (phone), the feature page's badge (on its
// default range and on another), the switches page, the health API and the Prometheus gauge; and
// the SLO page shows each SLO with the health API's numbers.
// The demo runs on a database and server of its own (the shared test database has other features).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seedModelPrices } from '@/db/seed/model-prices';
import { createApiKey } from '@/lib/api-keys/manage';
import { prepareDemo } from '@/lib/demo';
import { demoLoginPath, readDemoLogin, type DemoLogin } from '@/lib/demo/demo-login';
import { formatBurnRate } from '@/lib/alerts/values';
import { formatCount, formatPercent } from '@/lib/format/numbers';
import type { HealthJson } from '@/lib/status/health-json';
import type { Overview } from '@/lib/overview/overview';
import type { FeatureStatus } from '@/lib/status/feature-status';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser, signedInPage } from '../support/browser';
import { createTestDatabase } from '../support/test-database';

/** The word a status badge shows. */
const word = (status: FeatureStatus) => status.replace('_', ' ').toUpperCase();

describe('one status on every surface', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let dataDir: string;
  let app: AppServer;
  let browser: Browser;
  let key: string;
  let login: DemoLogin;
  let statuses: Map<string, FeatureStatus>;
  const api = (pathname: string) => fetch(`${app.url}${pathname}`, { headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    const created = await createTestDatabase('switchboard_status');
    drop = created.drop;
    database = await openDatabase({ url: created.url, max: 2 });
    await migrateDatabase(database);
    await seedModelPrices(database.db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-status-'));
    await prepareDemo(database, {
      adminFromEnv: false,
      dataDir,
      url: 'http://localhost',
      demo: { scale: 0.05 },
      log: () => {},
    });
    login = readDemoLogin(demoLoginPath(dataDir))!;
    key = (
      await createApiKey(database.db, { name: 'status-agreement', scopes: ['read'] }, { id: 'test', label: 'test' })
    ).key;
    // No alert rounds: an auto-trip would kill a feature between two reads.
    [app, browser] = await Promise.all([
      startAppServer(created.url, { SWITCHBOARD_ALERT_EVALUATOR: '0' }),
      launchBrowser(),
    ]);
    const overview = (await (await api('/api/v1/overview')).json()) as Overview;
    statuses = new Map(overview.features.map((f) => [f.key, f.status]));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await database?.close();
    await drop?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('has demo features in several statuses, problems among them', () => {
    expect([...statuses.keys()].sort()).toEqual([
      'entitlement-check',
      'moderation',
      'search-rerank',
      'summarizer',
      'support-agent',
    ]);
    expect(statuses.get('support-agent')).toBe('killed');
    expect(new Set(statuses.values()).size).toBeGreaterThanOrEqual(3);
  });

  it('answers the same status in the health API and the Prometheus gauge', async () => {
    const metrics = await (await api('/api/metrics')).text();
    for (const [feature, status] of statuses) {
      const health = await (await api(`/api/v1/features/${feature}/health`)).json();
      expect(health, feature).toMatchObject({ status, environment: 'production' });
      expect(metrics, feature).toContain(`switchboard_feature_status{feature="${feature}",status="${status}"} 1`);
      const others = metrics
        .split('\n')
        .filter((l) => l.startsWith(`switchboard_feature_status{feature="${feature}",`) && l.endsWith(' 1'));
      expect(others, feature).toHaveLength(1);
    }
  });

  it('shows the same status in the overview table, its cards, the feature page and the switches page', async () => {
    const desktop = await signedInPage(browser, login, { width: 1280, height: 900 }, app.url);
    const phone = await signedInPage(browser, login, undefined, app.url);
    const badgeBy = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim();

    await desktop.goto('/');
    await phone.goto('/');
    for (const [feature, status] of statuses) {
      expect(await badgeBy(desktop, `tr[data-feature="${feature}"] td`), `${feature} in the table`).toBe(word(status));
      expect(await phone.locator(`li[data-feature="${feature}"]`).innerText(), `${feature} on its card`).toContain(
        word(status),
      );
    }

    await desktop.goto('/switches');
    for (const [feature, status] of statuses) {
      const card = desktop.getByRole('listitem', { name: new RegExp(`^${feature}: `) });
      if (status === 'killed') expect(await card.getAttribute('aria-label')).toBe(`${feature}: killed`);
      else
        expect(await card.innerText(), `${feature} on the switches page`).toMatch(new RegExp(`${word(status)}\\s+now`));
    }

    // The badge by the title says now, on the default range and on others alike.
    for (const [feature, status] of statuses) {
      for (const range of ['', '?range=1h', '?range=30d']) {
        await desktop.goto(`/features/${feature}${range}`);
        expect(await desktop.locator('h1').locator('..').innerText(), `${feature}${range} page`).toMatch(
          new RegExp(`${word(status)}\\s+now`),
        );
      }
    }
  }, 120_000);

  it('shows each SLO on the SLO page with the health API’s numbers', async () => {
    const page = await signedInPage(browser, login, { width: 1280, height: 900 }, app.url);
    let slosSeen = 0;
    for (const feature of statuses.keys()) {
      // Both read the same moment's windows; a minute boundary between the two reads can move a
      // figure, so a disagreement is read again before it counts.
      const mismatches = async () => {
        const health = (await (await api(`/api/v1/features/${feature}/health`)).json()) as HealthJson;
        await page.goto(`/features/${feature}/slos`);
        const wrong: string[] = [];
        for (const slo of health.slos) {
          const text = await page.locator(`li[data-slo="${slo.name}"]`).innerText();
          const expected = [
            slo.compliance === null ? 'no data' : formatPercent(slo.compliance),
            slo.errorBudgetRemaining === null
              ? 'no events yet'
              : slo.errorBudgetRemaining <= 0
                ? 'exhausted'
                : `${formatPercent(slo.errorBudgetRemaining)} left`,
            `${formatCount(slo.events.bad)} bad of ${formatCount(slo.events.total)}`,
            ...slo.rules.map((r) => formatBurnRate(r.threshold)),
            ...slo.alerts.map((a) => `${a.severity} firing since`.toUpperCase()),
          ];
          for (const figure of expected)
            if (!text.includes(figure)) wrong.push(`${feature}/${slo.name}: no "${figure}" in\n${text}`);
          slosSeen++;
        }
        return wrong;
      };
      await expect.poll(mismatches, { timeout: 20_000, interval: 1_000 }).toEqual([]);
    }
    expect(slosSeen).toBeGreaterThanOrEqual(statuses.size);
  }, 120_000);
});
