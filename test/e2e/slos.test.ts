// What an admin and a viewer do on a feature's SLO page, on a phone-sized screen.
import { and, eq } from 'drizzle-orm';
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSloDocument } from '@/db/queries/slo-definitions';
import { auditLog } from '@/db/schema';
import { captureServerAction, launchBrowser, replayServerAction, signedInPage } from '../support/browser';
import { postCalls, testCall } from '../support/calls';
import { createFeature } from '../support/switches';
import { ADMIN, createTestKey, createTestUser, testDatabase } from '../support/system';

const documentOf = async (feature: string) => (await readSloDocument((await testDatabase()).db, feature))!.document;

describe('the SLO page', () => {
  let browser: Browser;
  let feature: string;
  let saveSloCall: Request | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    feature = await createFeature('e2e-slo');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets an admin define an SLO, refusing 99 as an objective with the schema’s message, then delete it after confirming', async () => {
    const page = await signedInPage(browser, ADMIN);
    await page.goto(`/features/${feature}/slos`);
    await page.getByRole('heading', { name: /SLOs and budgets/ }).waitFor();
    await page.getByText('No SLOs yet.').waitFor();

    await page.getByRole('button', { name: 'Add an SLO' }).click();
    const form = page.getByRole('form', { name: 'New SLO' });
    // Nothing filled in: the shared schema answers in the browser, field by field.
    await form.getByRole('button', { name: 'Add SLO' }).click();
    await form.getByText('Give the SLO a name.').waitFor();
    await form.getByText('thresholdMs is required.').waitFor();
    await form.getByText('The objective is required.').waitFor();

    await form.getByLabel('Name').fill('fast-answers');
    expect(await form.getByRole('radio', { name: /^Latency/ }).isChecked()).toBe(true);
    await form.getByRole('radio', { name: /^The first token/ }).check();
    await form.getByLabel('Threshold (ms)').fill('2000');
    await form.getByLabel('Objective').fill('99');
    await form.getByRole('button', { name: 'Add SLO' }).click();
    await form.getByText('Write the objective as a fraction: 0.99 for 99%, not 99.').waitFor();
    expect((await documentOf(feature)).slos).toEqual([]);

    await form.getByLabel('Objective').fill('0.99');
    const call = captureServerAction(page);
    await form.getByRole('button', { name: 'Add SLO' }).click();
    saveSloCall = await call;
    const item = page.getByRole('list', { name: 'SLOs' }).getByRole('listitem').filter({ hasText: 'fast-answers' });
    await item.getByText('99% of calls reach their first token in under 2.00 s').waitFor();
    await item.getByText('over 28 days in production').waitFor();
    expect((await documentOf(feature)).slos).toEqual([
      {
        name: 'fast-answers',
        sli: 'latency',
        measure: 'ttft',
        thresholdMs: 2000,
        objective: 0.99,
        window: '28d',
        environment: 'production',
      },
    ]);

    // The budget form: 80 for 80% is explained, fractions are stored.
    await page.getByLabel('Daily budget (USD)').fill('25');
    await page.getByLabel('Alert thresholds').fill('0.5, 80');
    await page.getByRole('button', { name: 'Save budget' }).click();
    await page.getByText('Write thresholds as fractions of the budget: 0.8 for 80%.').waitFor();
    await page.getByLabel('Alert thresholds').fill('0.5, 0.8, 1');
    // Why, for the audit log: optional, kept with the change.
    await page
      .getByRole('form', { name: 'Cost budget' })
      .getByLabel('Reason for the change (optional)')
      .fill('Q3 budget review');
    await page.getByRole('button', { name: 'Save budget' }).click();
    await page.getByText('Budget saved.').waitFor();
    expect((await documentOf(feature)).budgets).toEqual({ dailyUsd: 25, monthlyUsd: null, thresholds: [0.5, 0.8, 1] });

    // Auto-trip is off until turned on.
    expect(await page.getByRole('checkbox', { name: /Kill on a page alert/ }).isChecked()).toBe(false);
    await page.getByRole('checkbox', { name: /Kill when the cost budget is spent/ }).check();
    await page.getByRole('button', { name: 'Save auto-trip' }).click();
    await page.getByText('Auto-trip saved.').waitFor();
    expect((await documentOf(feature)).autoTrip).toEqual({ onPageAlert: false, onBudgetExhausted: true });

    await item.getByRole('button', { name: 'Delete fast-answers' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Delete the SLO “fast-answers”?').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await documentOf(feature)).slos).toHaveLength(1);
    await item.getByRole('button', { name: 'Delete fast-answers' }).click();
    await dialog.getByRole('button', { name: 'Delete SLO' }).click();
    await page.getByText('No SLOs yet.').waitFor();
    expect((await documentOf(feature)).slos).toEqual([]);

    const entries = await (
      await testDatabase()
    ).db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'feature'), eq(auditLog.targetId, feature)));
    expect(entries.map((e) => [e.action, e.actorLabel, e.reason])).toEqual([
      ['slo.create', ADMIN.email, null],
      ['budgets.update', ADMIN.email, 'Q3 budget review'],
      ['autoTrip.update', ADMIN.email, null],
      ['slo.delete', ADMIN.email, null],
    ]);
    // Usable on a 375-px phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.context().close();
  });

  it('shows a viewer the definitions without edit controls, and the server refuses the viewer’s save', async () => {
    expect(saveSloCall, 'the admin test captures the save call').toBeDefined();
    const page = await signedInPage(browser, await createTestUser('viewer'));
    await page.goto(`/features/${feature}/slos`);
    await page.getByText('Only admins can change SLOs and budgets; you are signed in as a viewer.').waitFor();
    await page.getByText('$25.00').waitFor();
    expect(
      await page
        .getByRole('button')
        .filter({ hasText: /Add an SLO|Save|Edit|Delete/ })
        .count(),
    ).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);

    expect(await replayServerAction(page, saveSloCall!)).toContain('This needs the admin role; you are viewer.');
    expect((await documentOf(feature)).slos).toEqual([]);
    await page.context().close();
  });

  it('previews a latency SLO over its past window while it is defined, and shows an invalid draft’s field error instead', async () => {
    // 20 calls in the last hour: 17 at 300 ms, 3 at 5 s.
    const previewed = `e2e-slo-preview-${Date.now().toString(36)}`;
    const calls = Array.from({ length: 20 }, (_, i) =>
      testCall({
        feature: previewed,
        timestamp: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
        latencyMs: i < 3 ? 5000 : 300,
      }),
    );
    expect((await postCalls(await createTestKey(['ingest'], 'e2e-slo-preview'), { calls })).status).toBe(200);

    const page = await signedInPage(browser, ADMIN);
    page.setDefaultTimeout(8_000);
    await page.goto(`/features/${previewed}/slos`);
    await page.getByRole('button', { name: 'Add an SLO' }).click();
    const form = page.getByRole('form', { name: 'New SLO' });
    const preview = form.getByRole('region', { name: 'Preview' });
    const figure = (label: string) => preview.getByRole('group', { name: label }).getByRole('definition');
    await form.getByLabel('Name').fill('fast');
    await form.getByLabel('Threshold (ms)').fill('1000');
    await form.getByRole('radio', { name: /^7 days/ }).check();
    await form.getByLabel('Objective').fill('0.9');
    // No button pressed: the preview follows the edits (debounced).
    await preview.getByText('3 bad of 20 calls in production over the past 7 days.').waitFor();
    expect(await figure('Compliance').textContent()).toBe('85%');
    expect(await figure('Error budget left').textContent()).toBe('0% (overspent)');
    expect(await figure('Burn rate (1 h)').textContent()).toBe('1.50×');
    expect(await figure('State').textContent()).toBe('breached');
    // For a person to look at, only when SCREENSHOT_DIR is set (never committed).
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/slo-preview-375.png`, fullPage: true });

    // An invalid draft: the Preview button shows the schema's field error, no figures.
    await form.getByLabel('Objective').fill('90');
    await preview.getByRole('button', { name: 'Preview' }).click();
    await form.getByText('Write the objective as a fraction: 0.9 for 90%, not 90.').waitFor();
    await preview.getByText('Complete the fields above to see a preview.').waitFor();
    expect(await preview.getByRole('group', { name: 'Compliance' }).count()).toBe(0);

    // Where no calls match: a clear "no data", not a 100% compliance.
    await form.getByLabel('Objective').fill('0.9');
    await form.getByLabel('Environment').fill('staging');
    await preview.getByRole('button', { name: 'Preview' }).click();
    await preview.getByText(/^No data: there were no calls in staging over the past 7 days/).waitFor();
    expect((await documentOf(previewed)).slos).toEqual([]);
    await page.context().close();
  });

  it('answers an unknown feature with not found', async () => {
    const page = await signedInPage(browser, ADMIN);
    const res = await page.goto('/features/no-such-feature/slos');
    expect(res?.status()).toBe(404);
    await page.context().close();
  });
});
