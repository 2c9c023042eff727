import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, features } from '@/db/schema';
import { ensurePartitionsFor } from '@/lib/calls/partitions';
import { RELATIVE_ERROR } from '@/lib/rollups/histogram';
import { launchBrowser, signedInPage } from '../support/browser';
import { ADMIN, createTestUser, rollupsCaughtUp, testDatabase } from '../support/system';

const FEATURE = `e2e-overview-${Date.now().toString(36)}`;
const DESKTOP = { width: 1280, height: 800 };

/** Inserts calls straight into the database and lets the aggregator count them. */
async function addCalls(featureId: number, latencies: number[], errors = 0) {
  const { db } = await testDatabase();
  const ts = new Date(Date.now() - 20 * 60_000);
  await ensurePartitionsFor(db, [ts]); // ingestion would make the day's partitions
  await db.insert(calls).values(
    latencies.map((latencyMs, i) => ({
      id: randomUUID(),
      featureId,
      ts,
      model: 'gpt-4o-mini',
      outcome: i < errors ? ('error' as const) : ('ok' as const),
      route: 'primary' as const,
      latencyMs,
      costUsd: 0.0125,
      environment: 'production',
    })),
  );
  await rollupsCaughtUp();
}

describe('the overview page', () => {
  let browser: Browser;
  let featureId: number;
  beforeAll(async () => {
    browser = await launchBrowser();
    const { db } = await testDatabase();
    [{ id: featureId }] = await db.insert(features).values({ key: FEATURE }).returning({ id: features.id });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows how to send the first call where there is no traffic', async () => {
    const env = `e2e-empty-${Date.now().toString(36)}`;
    const page = await signedInPage(browser, ADMIN);
    await page.goto(`/?environment=${env}`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByText(`Last 24 hours · ${env}`).waitFor();
    const snippet = await page.getByTestId('first-call-snippet').textContent();
    expect(snippet).toContain('curl -X POST http://127.0.0.1:');
    expect(snippet).toContain('/api/v1/calls');
    expect(snippet).toContain('Authorization: Bearer <key>');
    expect(snippet).toContain(`"environment": "${env}"`);
    await page.getByText('npx switchboard keys create --name my-app --scopes ingest').waitFor();
    await page.getByRole('link', { name: 'Settings → API keys' }).waitFor();
    await page.context().close();
  });

  it('shows a feature’s figures on a phone, as a card', async () => {
    await addCalls(featureId, [200, 400, 600], 1);
    const page = await signedInPage(browser, ADMIN);
    const card = page.locator(`li[data-feature="${FEATURE}"]`);
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('FAILING'); // 1 of 3 failed
    expect(text).toMatch(/Calls\s+3/);
    expect(text).toContain('33%');
    // p95 of 200, 400, 600 is 580 ms; the rollups' histogram reads it within its stated error.
    const shown = [...text.matchAll(/(\d+) ms/g)].map((m) => Number(m[1]));
    expect(
      shown.some((ms) => Math.abs(ms - 580) <= 580 * RELATIVE_ERROR + 0.5),
      `a p95 near 580 ms in ${shown.join(', ')}`,
    ).toBe(true);
    expect(text).toContain('$0.04');
    expect(text).toContain('Live');
    await page.getByText(/^Updated \d\d:\d\d:\d\d UTC/).waitFor();
    await page.context().close();
  });

  it('refreshes the table on its own and warns when a refresh fails', { timeout: 60_000 }, async () => {
    const page: Page = await signedInPage(browser, ADMIN, DESKTOP);
    const row = page.locator(`tr[data-feature="${FEATURE}"]`);
    await row.waitFor();
    expect(await row.innerText()).toMatch(/\b3\b/);

    await addCalls(featureId, [300]);
    await expect
      .poll(async () => (await row.innerText()).includes('25%'), { timeout: 20_000, interval: 500 })
      .toBe(true);

    await page.route('**/api/v1/overview*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":{"code":"unavailable","message":"The database is not available; retry later."}}',
      }),
    );
    await page.getByRole('alert').filter({ hasText: 'Stale data' }).waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('25%'); // the last good figures stay, marked stale
    await page.context().close();
  });

  it('serves the same data to a signed-in viewer over the API', async () => {
    const viewer = await createTestUser('viewer');
    const page = await signedInPage(browser, viewer, DESKTOP);
    const res = await page.request.get('/api/v1/overview');
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.features.find((f: { key: string }) => f.key === FEATURE)).toMatchObject({ calls: 4, errors: 1 });
    await page.context().close();
  });
});
