// The calls explorer in a browser: filter, the URL carries it, open a call, export what you see.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postCalls, testCall } from '../support/calls';
import { launchBrowser, signedInPage, navLink } from '../support/browser';
import { ADMIN, createTestKey } from '../support/system';

const RUN = Date.now().toString(36);
const FEATURE = `e2e-calls-${RUN}`;
const OTHER = `e2e-calls-other-${RUN}`;
const DESKTOP = { width: 1280, height: 800 };
/** Set to a folder to keep screenshots of each view for a look. */
const SHOTS = process.env.SWITCHBOARD_SCREENSHOTS;

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

const failing = testCall({
  feature: FEATURE,
  timestamp: at(5),
  outcome: 'error',
  errorType: 'timeout',
  latencyMs: 30000,
  prompt: [
    { role: 'system', content: 'You answer refund questions.' },
    { role: 'user', content: 'I am jane@example.com and want my money back' },
  ],
  completion: 'Sorry, we could not answer in time.',
  metadata: { ticket: 'T-42' },
});
const calls = [
  failing,
  testCall({
    feature: FEATURE,
    timestamp: at(6),
    outcome: 'error',
    errorType: 'rate_limit',
    route: 'fallback',
    fallbackDepth: 1,
  }),
  testCall({ feature: FEATURE, timestamp: at(7), inputTokens: 900, outputTokens: 150, costUsd: 0.0021 }),
  testCall({ feature: FEATURE, timestamp: at(8) }),
  testCall({ feature: OTHER, timestamp: at(9), outcome: 'error', errorType: 'timeout' }),
];

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('the calls explorer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    const key = await createTestKey(['ingest'], 'e2e-calls');
    const res = await postCalls(key, { calls });
    expect(res.status, await res.clone().text()).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    'filters by feature and outcome, keeps them in the URL, opens a call and exports the same view',
    { timeout: 60_000 },
    async () => {
      const page = await signedInPage(browser, ADMIN, DESKTOP);
      await navLink(page, 'Calls').click();
      await page.getByRole('heading', { name: 'Calls' }).waitFor();
      await page.getByLabel('Feature').selectOption(FEATURE);
      await page.getByLabel('Outcome').selectOption('error');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(
        (url) => url.searchParams.get('feature') === FEATURE && url.searchParams.get('outcome') === 'error',
      );

      const rows = page.locator('tr[data-call]');
      await expect.poll(() => rows.count()).toBe(2);
      const first = await rows.first().innerText();
      expect(first).toContain(FEATURE);
      expect(first).toContain('ERROR · timeout');
      expect(first).toContain('30.0 s');
      expect(await rows.nth(1).innerText()).toContain('fallback 1');
      await shot(page, 'explorer-desktop');

      // A link reproduces the view: a fresh load of the URL shows the same rows.
      await page.reload();
      await expect.poll(() => rows.count()).toBe(2);

      await page.locator(`tr[data-call="${failing.id}"]`).click();
      await page.waitForURL(
        (url) => url.searchParams.get('call') === failing.id && url.searchParams.get('feature') === FEATURE,
      );
      const dialog = page.getByRole('dialog');
      await dialog.getByText('I am [EMAIL] and want my money back').waitFor();
      const detail = await dialog.innerText();
      expect(detail).not.toContain('jane@example.com');
      expect(detail).toMatch(/system\s+You answer refund questions\./i);
      expect(detail).toContain('Sorry, we could not answer in time.');
      expect(detail).toContain('T-42');
      expect(detail).toContain('1 × [EMAIL]');
      await shot(page, 'explorer-detail-desktop');
      await page.keyboard.press('Escape');
      await page.waitForURL((url) => !url.searchParams.has('call') && url.searchParams.get('feature') === FEATURE);

      const csv = page.getByRole('link', { name: 'CSV' });
      const href = await csv.getAttribute('href');
      expect(href).toBe(`/api/v1/calls?feature=${FEATURE}&outcome=error&format=csv`);
      const res = await page.request.get(href!);
      expect(res.status()).toBe(200);
      const lines = (await res.text()).trim().split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^id,feature,timestamp,/);
      expect(lines.slice(1).every((l) => l.includes(`,${FEATURE},`))).toBe(true);
      await page.context().close();
    },
  );

  it('shows cards on a phone and says what to change when nothing matches', { timeout: 60_000 }, async () => {
    const page = await signedInPage(browser, ADMIN);
    await page.goto(`/calls?feature=${FEATURE}`);
    const cards = page.locator('li[data-call]');
    await expect.poll(() => cards.count()).toBe(4);
    expect(await cards.first().innerText()).toContain('ERROR · timeout');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await shot(page, 'explorer-phone');
    await cards.first().click();
    await page.getByRole('dialog').getByText('I am [EMAIL] and want my money back').waitFor();
    await shot(page, 'explorer-detail-phone');
    await page.getByRole('button', { name: 'Close' }).click();

    await page.goto(`/calls?feature=${FEATURE}&release=never-released`);
    await page.getByText('No calls match these filters').waitFor();
    await page.getByText('Filters set: feature, release.').waitFor();
    await page.getByRole('link', { name: 'Clear filters' }).waitFor();
    await shot(page, 'explorer-empty-phone');

    // A call that is gone (retention, a wrong link): the answer at once, not a skeleton through retries of the 404.
    const gone = '00000000-0000-4000-8000-000000000000';
    await page.goto(`/calls?call=${gone}`);
    const started = Date.now();
    const notFound = page.getByRole('dialog').getByRole('alert');
    await notFound.waitFor();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await notFound.innerText()).toMatch(
      new RegExp(`There is no call with id ${gone}\\. Calls older than the \\d+-day retention period are removed\\.`),
    );
    await page.getByRole('button', { name: 'Close' }).click();

    await page.goto('/calls?limit=9000&colour=red');
    await page.getByText('These filters are not valid:').waitFor();
    await page.getByText('Unknown parameter: colour.').waitFor();
    await page.context().close();
  });
});
