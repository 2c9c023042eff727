// A long overview: problems first, the healthy rest paged, and "/" to search by key as you type.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY_PAGE } from '@/components/overview/overview-list';
import { launchBrowser, signedInPage } from '../support/browser';
import { postCalls, testCall } from '../support/calls';
import { ADMIN, createTestKey, rollupsCaughtUp } from '../support/system';

const prefix = `many-${Date.now().toString(36)}`;
const healthy = Array.from({ length: HEALTHY_PAGE * 3 }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
const failing = `${prefix}-failing`;

describe('the overview with many features', () => {
  let browser: Browser;
  beforeAll(async () => {
    const key = await createTestKey(['ingest']);
    const calls = [
      ...healthy.map((feature) => testCall({ feature })),
      testCall({ feature: failing, outcome: 'error', errorType: 'timeout' }),
    ];
    expect((await postCalls(key, { calls })).status).toBe(200);
    await rollupsCaughtUp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows problems first and pages the healthy rest; "/" then typing finds any feature', async () => {
    const page = await signedInPage(browser, ADMIN, { width: 1280, height: 900 });
    await page.goto('/');
    const rows = page.locator('tbody tr[data-feature]');
    await rows.first().waitFor();
    // A failing feature is always on the page; not every healthy one.
    await page.locator(`tr[data-feature="${failing}"]`).waitFor();
    const last = healthy.at(-1)!;
    expect(await page.locator(`tr[data-feature="${last}"]`).count()).toBe(0);

    // "/" jumps into the search field from anywhere, once the page is live (hydrated: the
    // "updated … ago" clock runs in the browser only); each key narrows the list.
    await page.getByText(/^Updated .+ · (just now|.+ ago)$/).waitFor();
    await page.locator('body').press('/');
    const search = page.getByRole('searchbox', { name: 'Find a feature' });
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(last);
    await page.locator(`tr[data-feature="${last}"]`).waitFor();
    expect(await rows.count()).toBe(1);
    await page.getByText(/^1 of [\d,]+ match$/).waitFor();
    await page.keyboard.press('Escape');
    expect(await search.inputValue()).toBe('');

    // Only this test's features: all healthy ones but a page are behind "Show more".
    await search.fill(prefix);
    await expect.poll(() => rows.count()).toBe(1 + HEALTHY_PAGE);
    await page.getByRole('button', { name: /^Show \d+ more of \d+ healthy$/ }).click();
    await expect.poll(() => rows.count()).toBe(1 + healthy.length);
    expect(await page.getByRole('button', { name: /^Show / }).count()).toBe(0);
    // Rows shown later get their hourly chart too.
    await page.locator(`tr[data-feature="${last}"] svg[role="img"]`).waitFor();

    await search.fill('no feature is called like this');
    await page.getByText('No feature’s key or name contains “no feature is called like this”.').waitFor();
    await page.context().close();
  });
});
