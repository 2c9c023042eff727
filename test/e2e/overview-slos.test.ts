// The overview's SLO and budget columns in a browser: on a phone (375 px) as a card without
// sideways scrolling, and on a desktop as table cells.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage } from '../support/browser';
import { callsAt, ingest, minutesAfter, putSloDocument } from '../support/slo-traffic';
import { createFeature } from '../support/switches';
import { ADMIN } from '../support/system';

describe('overview SLOs and spend', () => {
  let browser: Browser;
  let feature: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    feature = await createFeature('e2e-ov-slo');
    await putSloDocument(feature, {
      slos: [
        { name: 'answers-fast', sli: 'latency', thresholdMs: 10_000, objective: 0.9, window: '7d' },
        { name: 'up', sli: 'availability', objective: 0.99, window: '30d' },
      ],
      budgets: { dailyUsd: 4, monthlyUsd: 100 },
    });
    const t0 = new Date();
    await ingest([
      ...callsAt(feature, minutesAfter(t0, -3), 10, { costUsd: 0.5 }),
      ...callsAt(feature, minutesAfter(t0, -2), 10, { outcome: 'error', errorType: 'timeout' }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows each SLO worst first with compliance and budget left, and spend against the budgets, at 375 px', async () => {
    const page = await signedInPage(browser, ADMIN);
    const card = page.locator(`li[data-feature="${feature}"]`);
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('BREACHED');
    expect(text.indexOf('up')).toBeLessThan(text.indexOf('answers-fast')); // worst first
    expect(text).toMatch(/up\s+50%\s+breached\s+· budget exhausted/i); // the state stays beside its own figure
    expect(text).toMatch(/answers-fast\s+100%\s+· budget 100% left/);
    expect(text).toMatch(/today\s+\$5\.00\s+\/\s+\$4\.00/);
    expect(text).toMatch(/month\s+\$5\.00\s+\/\s+\$100\.00/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.context().close();
  });

  it('shows the same in the desktop table', async () => {
    const page = await signedInPage(browser, ADMIN, { width: 1280, height: 800 });
    const row = page.locator(`tr[data-feature="${feature}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('BREACHED');
    expect(text).toMatch(/up\s+50%\s+breached\s+· budget exhausted/i);
    expect(text).toMatch(/today\s+\$5\.00\s+\/\s+\$4\.00/);
    await page.context().close();
  });
});
