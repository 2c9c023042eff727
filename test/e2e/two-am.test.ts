// The 2 AM path: a page arrives on a phone with the alert's link; on-call taps it signed out, signs
// in, lands on the feature at the alert's time with its Kill button on the first screen, and kills
// it with a reason in two taps (Kill, then a common reason). Applications see the kill at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueWebhooks } from '@/lib/webhooks/deliver';
import type { WebhookPayload } from '@/lib/webhooks/payload';
import { alertCandidate, insertWebhook, openAlerts, removeTestWebhooks } from '../support/alerts';
import { launchBrowser } from '../support/browser';
import { postCalls, testCall } from '../support/calls';
import { json, startLocalServer, until, type LocalServer } from '../support/local-server';
import { baseUrl, createTestKey, createTestUser, rollupsCaughtUp, testDatabase } from '../support/system';
import type { Browser } from 'playwright-core';

const PHONE = { width: 375, height: 740 };

describe('the 2 AM path', () => {
  let browser: Browser;
  let receiver: LocalServer;
  beforeAll(async () => {
    [browser, receiver] = await Promise.all([launchBrowser(), startLocalServer()]);
    receiver.handle((_req, res) => json(res, 200, { ok: true }));
  });
  afterAll(async () => {
    await removeTestWebhooks();
    await Promise.all([browser?.close(), receiver?.close()]);
  });

  it('goes from the alert’s link to a killed feature in two taps after signing in', { timeout: 60_000 }, async () => {
    const feature = `night-${Date.now().toString(36)}`;
    const key = await createTestKey(['ingest', 'switches:read']);
    // A feature with a long kill history would push its figures down; this one is busy and failing.
    const calls = Array.from({ length: 40 }, (_, i) =>
      testCall({ feature, ...(i % 2 ? { outcome: 'error', errorType: 'server_error' } : {}) }),
    );
    expect((await postCalls(key, { calls })).status).toBe(200);
    await rollupsCaughtUp();

    // The page, as the app's delivery worker posts it to the on-call channel.
    const hook = await insertWebhook(`${receiver.url}/night`, 'page');
    expect(hook).toBeGreaterThan(0);
    await openAlerts([alertCandidate(feature)], new Date());
    await deliverDueWebhooks((await testDatabase()).db, { baseUrl: baseUrl(), now: new Date() });
    await until(() => receiver.requests.some((r) => r.url === '/night'));
    const payload = JSON.parse(receiver.requests.find((r) => r.url === '/night')!.body) as WebhookPayload;
    const link = new URL(payload.switchboard.url);
    expect(link.pathname).toBe(`/features/${feature}`);

    const responder = await createTestUser('responder');
    const context = await browser.newContext({ viewport: PHONE, baseURL: baseUrl(), hasTouch: true, isMobile: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(link.toString());
    // Signed out: the sign-in page, which then opens the alert's view, not the overview.
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('E-mail').fill(responder.email);
    await page.getByLabel('Password').fill(responder.password);
    await page.getByRole('button', { name: 'Sign in' }).tap();
    await page.waitForURL((url) => url.pathname === link.pathname && url.search === link.search);

    // The Kill button is on the first screen, without scrolling.
    const kill = page.getByRole('button', { name: `Kill ${feature}` });
    await kill.waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const box = (await kill.boundingBox())!;
    expect(box.y + box.height, 'the Kill button ends within the first screen').toBeLessThanOrEqual(PHONE.height);

    // Tap 1: Kill. Tap 2: a common reason, which confirms.
    await kill.tap();
    const dialog = page.getByRole('alertdialog', { name: `Kill ${feature}?` });
    await dialog.getByRole('button', { name: 'Provider outage' }).tap();
    await page.getByRole('listitem', { name: `${feature}: killed` }).waitFor();

    const state = await (
      await fetch(`${baseUrl()}/api/v1/switches/${feature}`, { headers: { authorization: `Bearer ${key}` } })
    ).json();
    expect(state).toMatchObject({ feature, killed: true, reason: 'Provider outage' });
    await context.close();
  });
});
