// The feature page (charts, range in the URL, SLO lines, switch with audit trail) and the switches
// page on a phone, against the running app with calls ingested through the API.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, navLink, signedInPage, searchList } from '../support/browser';
import { postCalls, testCall } from '../support/calls';
import { createFeature } from '../support/switches';
import { ADMIN, baseUrl, createTestKey } from '../support/system';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };
const MINUTE = 60_000;

/** Screenshots for a person to look at, only when SCREENSHOT_DIR is set (never committed). */
async function screenshot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

const figure = (page: Page, title: string) => page.getByRole('figure', { name: title, exact: true });
/** The big number above the charts, e.g. "Calls". */
const bigNumber = (page: Page, label: string) =>
  page.getByRole('group', { name: label, exact: true }).getByRole('definition').first();

/** A signed-in admin page whose waits fail (naming what they waited for) before the test times out. */
async function adminPage(browser: Browser, viewport: { width: number; height: number }) {
  const page = await signedInPage(browser, ADMIN, viewport);
  page.setDefaultTimeout(10_000);
  return page;
}

async function noHorizontalScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
}

describe('the feature page', () => {
  let browser: Browser;
  const feature = `fp-${Date.now().toString(36)}`;
  const now = Date.now();
  /** 40 calls in the last hour (4 errors, 5 fallbacks), 10 three hours ago; release v2 from 20 minutes ago, v1 before. */
  const recent = Array.from({ length: 40 }, (_, i) =>
    testCall({
      feature,
      timestamp: new Date(now - (i + 1) * MINUTE).toISOString(),
      latencyMs: 200 + i * 20,
      costUsd: 0.002,
      inputTokens: 500,
      outputTokens: 100,
      score: 0.8,
      ...(i % 10 === 0 ? { outcome: 'error', errorType: i % 20 === 0 ? 'timeout' : 'rate_limit' } : {}),
      ...(i % 8 === 1 ? { route: 'fallback' } : {}),
      release: i < 20 ? 'v2' : 'v1',
    }),
  );
  const older = Array.from({ length: 10 }, (_, i) =>
    testCall({
      feature,
      timestamp: new Date(now - 180 * MINUTE - i * MINUTE).toISOString(),
      latencyMs: 3000,
      release: 'v1',
    }),
  );

  beforeAll(async () => {
    browser = await launchBrowser();
    const key = await createTestKey(['ingest']);
    const res = await postCalls(key, { calls: [...recent, ...older] });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('charts a feature with calls, from the overview link, with big numbers for the range', async () => {
    const page = await adminPage(browser, DESKTOP);
    await navLink(page, 'Overview').click();
    await page.getByRole('link', { name: feature }).first().click();
    await page.waitForURL(`**/features/${feature}`);
    await page.getByRole('heading', { name: feature, level: 1 }).waitFor();
    await page.getByText('last 24 hours · production').waitFor();
    expect(await bigNumber(page, 'Calls').textContent()).toBe('50');
    expect(await bigNumber(page, 'Error rate').textContent()).toBe('8.0%');
    for (const title of [
      'Requests and errors',
      'Latency',
      'Availability',
      'Accuracy',
      'Cost',
      'Route share',
      'Tokens',
    ]) {
      await figure(page, title).locator('.recharts-surface').waitFor();
    }
    // Errors are stacked by their type, with the types in the legend (by name: a tooltip, when the
    // pointer rests on the chart, is a list of the same words).
    const legend = figure(page, 'Requests and errors').getByRole('list', { name: 'Requests and errors: legend' });
    await legend.getByText('timeout').waitFor();
    await legend.getByText('rate limit').waitFor();
    expect(await figure(page, 'Route share').getByRole('img').getAttribute('aria-label')).toContain('fallback 10%');
    await page.getByRole('link', { name: 'Calls in this range' }).waitFor();
    expect(await page.getByRole('link', { name: 'Calls in this range' }).getAttribute('href')).toContain(
      `/calls?feature=${feature}&from=`,
    );
    await screenshot(page, 'feature-1280');
    await page.context().close();
  });

  it('keeps the range in the URL: presets change it and the data, an alert link opens its own range', async () => {
    const page = await adminPage(browser, PHONE);
    await page.goto(`/features/${feature}`);
    await page.getByRole('navigation', { name: 'Time range' }).getByRole('link', { name: '1h' }).click();
    await page.waitForURL(`**/features/${feature}?range=1h`);
    await page.getByText('last hour · production').waitFor();
    expect(await bigNumber(page, 'Calls').textContent()).toBe('40');
    await noHorizontalScroll(page);
    await screenshot(page, 'feature-375');

    // What an alert links to: the older calls' hour alone.
    const from = new Date(Math.floor((now - 200 * MINUTE) / MINUTE) * MINUTE).toISOString();
    const to = new Date(Math.floor((now - 170 * MINUTE) / MINUTE) * MINUTE).toISOString();
    await page.goto(`/features/${feature}?from=${from}&to=${to}`);
    expect(await bigNumber(page, 'Calls').textContent()).toBe('10');
    expect(await page.getByRole('button', { name: 'Custom' }).getAttribute('aria-pressed')).toBe('true');
    // The custom form is open on a custom range, starts from the link's range and makes a new URL.
    expect(await page.getByLabel('From (UTC)').inputValue()).toBe(from.slice(0, 16));
    await page.getByLabel('From (UTC)').fill(new Date(now - 90 * MINUTE).toISOString().slice(0, 16));
    await page.getByLabel('To (UTC)').fill(new Date(now + 5 * MINUTE).toISOString().slice(0, 16));
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(
      (url) =>
        url.searchParams.get('from')?.startsWith(new Date(now - 90 * MINUTE).toISOString().slice(0, 16)) ?? false,
    );
    await expect.poll(() => bigNumber(page, 'Calls').textContent()).toBe('40');

    // A range with no calls says what to do; a broken link says what is wrong.
    await page.goto(`/features/${feature}?range=1h&environment=staging`);
    await page.getByRole('heading', { name: `No calls from ${feature} in staging, last hour` }).waitFor();
    await page.goto(`/features/${feature}?from=yesterday`);
    await page.getByText('from: Give an ISO-8601 time').waitFor();
    await page.context().close();
  });

  it('draws the latency SLO threshold and the availability objective once they are defined', async () => {
    const page = await adminPage(browser, DESKTOP);
    await page.goto(`/features/${feature}?range=1h`);
    const latency = figure(page, 'Latency');
    await latency.locator('.recharts-surface').waitFor();
    // Reference lines that are not markers (the release v2 is one) are SLO lines.
    const sloLines = latency.locator('.recharts-reference-line:not(.chart-marker)');
    expect(await sloLines.count()).toBe(0);

    const key = await createTestKey(['config:write'], 'fp-slo-writer');
    const res = await fetch(`${baseUrl()}/api/v1/features/${feature}/slos`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        slos: [
          { name: 'fast', sli: 'latency', thresholdMs: 900, objective: 0.95, window: '7d' },
          { name: 'up', sli: 'availability', objective: 0.99, window: '30d' },
        ],
        budgets: { dailyUsd: 5 },
      }),
    });
    expect(res.status).toBe(200);

    await page.reload();
    await latency.getByText('fast: 900 ms').first().waitFor();
    // The legend shows at once; recharts draws the line once it has measured the chart.
    await sloLines.first().waitFor({ state: 'attached' });
    expect(await sloLines.count()).toBe(1);
    await figure(page, 'Availability').getByText('up: 99%').first().waitFor();
    await figure(page, 'Cost').getByText('daily budget $5.00 = $0.0035 per 1 min').first().waitFor();
    // The availability SLO's error budget over its window (8% errors against 1% allowed: overspent).
    const burnDown = figure(page, 'Error budget of up (30d)');
    await burnDown.locator('.recharts-surface').waitFor();
    expect(await burnDown.getByRole('img').getAttribute('aria-label')).toContain('0% left (overspent)');
    // Every SLO has one, from its own SLI: 14 of 50 calls over 900 ms against 5% allowed.
    const latencyBurnDown = figure(page, 'Error budget of fast (7d)');
    await latencyBurnDown.locator('.recharts-surface').waitFor();
    expect(await latencyBurnDown.getByRole('img').getAttribute('aria-label')).toContain('0% left (overspent)');
    await screenshot(page, 'feature-slos-1280');
    await page.context().close();
  });

  it('flips the switch from the page and shows it in the audit trail and as a marker, beside the new release', async () => {
    const page = await adminPage(browser, PHONE);
    await page.goto(`/features/${feature}?range=1h`);
    await page.getByRole('button', { name: `Kill ${feature}` }).click();
    await page
      .getByRole('alertdialog', { name: `Kill ${feature}?` })
      .getByRole('button', { name: 'Cost spike' })
      .click();
    const card = page.getByRole('listitem', { name: `${feature}: killed` });
    await card.getByText('KILLED', { exact: true }).waitFor();
    // The audit trail is one tap away (collapsed, so the figures stay on a phone's first screen).
    await card.getByRole('button', { name: 'History' }).click();
    await card
      .getByRole('listitem')
      .filter({ hasText: `${ADMIN.email}: LIVE → KILLED` })
      .getByText('“Cost spike”')
      .waitFor();
    // The page re-reads its markers after the flip.
    await page.getByText(/switch flip · .* alert start · .* new release \(2 in this range\)/).click();
    await page.getByText('Release v2 first seen').waitFor();
    expect(await page.getByText('Release v1 first seen').count()).toBe(0); // three hours ago: outside the hour
    await noHorizontalScroll(page);
    await page.context().close();
  });

  it('answers 404 with a way back for an unknown feature', async () => {
    const page = await adminPage(browser, PHONE);
    const res = await page.goto('/features/no-such-feature-here');
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { name: 'No such feature' }).waitFor();
    await page.context().close();
  });
});

describe('the switches page on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows each feature’s last hour beside its switch and kills in two taps without sideways scrolling', async () => {
    const busy = `sw-busy-${Date.now().toString(36)}`;
    const quiet = await createFeature('sw-quiet');
    const key = await createTestKey(['ingest']);
    const calls = Array.from({ length: 20 }, (_, i) =>
      testCall({
        feature: busy,
        timestamp: new Date(Date.now() - (i + 1) * MINUTE).toISOString(),
        latencyMs: 500,
        ...(i < 10 ? { outcome: 'error', errorType: 'server_error' } : {}),
      }),
    );
    expect((await postCalls(key, { calls })).status).toBe(200);

    const page = await adminPage(browser, PHONE);
    await navLink(page, 'Switches').click();
    await page.getByRole('heading', { name: 'Switches' }).waitFor();
    await searchList(page, busy);
    const card = page.getByRole('listitem', { name: `${busy}: live` });
    const health = card.getByRole('definition');
    await card.getByText('Calls · 1 h').waitFor();
    // p95 from the rollups' log histogram: within 5% of 500 ms.
    expect(await health.allTextContents()).toEqual(['20', '50%', expect.stringMatching(/^(4[89]\d|5[0-2]\d) ms$/)]);
    await searchList(page, 'sw-'); // both
    await page
      .getByRole('listitem', { name: `${quiet}: live` })
      .getByText('No calls in the last hour')
      .waitFor();
    // Worst first: 50% errors comes before a feature without calls.
    const order = await page
      .getByRole('list', { name: 'Kill switches' })
      .locator(':scope > li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')));
    expect(order.indexOf(`${busy}: live`)).toBeLessThan(order.indexOf(`${quiet}: live`));
    await noHorizontalScroll(page);

    // Two taps: Kill, then a reason.
    const kill = card.getByRole('button', { name: `Kill ${busy}` });
    expect((await kill.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await kill.click();
    const reason = page
      .getByRole('alertdialog', { name: `Kill ${busy}?` })
      .getByRole('button', { name: 'Provider outage' });
    expect((await reason.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'switch-dialog-375');
    await reason.click();
    const killed = page.getByRole('listitem', { name: `${busy}: killed` });
    await killed.getByText('“Provider outage”').waitFor();
    expect(
      await page.getByRole('list', { name: 'Kill switches' }).locator(':scope > li').first().getAttribute('aria-label'),
    ).toMatch(/: killed$/);
    await noHorizontalScroll(page);
    await screenshot(page, 'switches-375');
    // The name leads to the feature's page.
    await killed.getByRole('link', { name: busy }).click();
    await page.waitForURL(`**/features/${busy}`);
    await page.context().close();
  });
});
