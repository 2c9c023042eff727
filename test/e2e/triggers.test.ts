// Flag triggers in the browser: an admin creates one on the feature page and copies its URL once;
// a webhook posted to that URL kills the switch, and the page (live) shows it killed with the
// alert's reason; a viewer sees the triggers without the controls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signedInPage } from '../support/browser';
import { createFeature } from '../support/switches';
import { ADMIN, createTestUser } from '../support/system';
import { onTestServer, storedSwitch } from '../support/triggers';

describe('flag triggers on the feature page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an admin creates a trigger, its URL kills the switch, and the page shows it', { timeout: 60_000 }, async () => {
    const feature = await createFeature('e2e-trigger');
    const page = await signedInPage(browser, ADMIN, { width: 1280, height: 900 });
    await page.goto(`/features/${feature}`);
    const section = page.getByRole('region', { name: 'Flag triggers' });
    await section.getByText('No triggers yet.').waitFor();
    await section.getByLabel('Trigger name').fill('grafana-page');
    await section.getByLabel(/Restore the switch when/).check();
    await section.getByRole('button', { name: 'Create trigger' }).click();
    const url = (await section.getByTestId('trigger-url').textContent())!;
    expect(url).toMatch(/\/api\/v1\/triggers\/sbt_/);
    await section.getByTestId('trigger-grafana-page').getByText('restores when the alert resolves').waitFor();

    const res = await fetch(onTestServer(url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"reason":"Grafana: error rate 7 % on support flows"}',
    });
    expect(res.status).toBe(200);
    expect(await storedSwitch(feature)).toMatchObject({ killed: true, updatedBy: 'trigger:grafana-page' });
    await page.getByText('KILLED', { exact: true }).first().waitFor();
    await page.getByText('Grafana: error rate 7 % on support flows').first().waitFor();

    // Reloaded, the URL is gone for good: only its last characters remain.
    await page.reload();
    await expect(page.getByTestId('trigger-url').count()).resolves.toBe(0);
    await page.getByText(`URL ending …${url.slice(-4)}`).waitFor();
  });

  it('a viewer sees the triggers but no controls', { timeout: 60_000 }, async () => {
    const feature = await createFeature('e2e-trigger-viewer');
    const page = await signedInPage(browser, await createTestUser('viewer'));
    await page.goto(`/features/${feature}`);
    const section = page.getByRole('region', { name: 'Flag triggers' });
    await section.getByText('An admin can create one.').waitFor();
    expect(await section.getByRole('button').count()).toBe(0);
  });
});
