// The alerts page and the webhooks settings in Chromium against the running app.
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, auditLog, webhooks } from '@/db/schema';
import { alertCandidate, deliveriesOf, openAlerts } from '../support/alerts';
import { launchBrowser, navLink, signedInPage } from '../support/browser';
import { json, startLocalServer, until, type LocalServer } from '../support/local-server';
import { createFeature } from '../support/switches';
import { ADMIN, createTestUser, testDatabase } from '../support/system';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('alerts page', () => {
  it('shows a firing alert; a viewer cannot acknowledge it, a responder on a phone can', async () => {
    const feature = await createFeature('e2e-alert');
    const [id] = await openAlerts([alertCandidate(feature)], new Date(Date.now() - 6 * 60_000));
    const { db } = await testDatabase();

    const viewer = await signedInPage(browser, await createTestUser('viewer'));
    await viewer.goto(`/alerts?feature=${feature}`);
    const seen = viewer.getByRole('listitem', { name: `page alert on ${feature}` });
    await seen.getByText('error budget burning at 15.2×').waitFor();
    await seen.getByText('Not acknowledged yet.').waitFor();
    expect(await viewer.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    const refused = await viewer.request.post(`/api/v1/alerts/${id}/ack`);
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toBe('This needs the responder role; you are viewer.');
    await viewer.context().close();

    const responder = await createTestUser('responder');
    const page = await signedInPage(browser, responder); // 375 px wide
    await navLink(page, 'Alerts').click();
    await page.waitForURL('**/alerts');
    const item = page.getByRole('listitem', { name: `page alert on ${feature}` });
    await item.getByText('PAGE').waitFor();
    await item.getByText(/^Opened .+ UTC \(\d+ min ago\)$/).waitFor(); // when the check opened it (not when the problem began), absolute with a relative hint
    await item.getByText('15.2×', { exact: true }).waitFor(); // the numbers that fired it, in their units
    expect(await item.getByRole('link', { name: feature }).getAttribute('href')).toMatch(
      new RegExp(`^/features/${feature}\\?from=.+&to=.+`),
    );
    const button = item.getByRole('button', { name: 'Acknowledge' });
    expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await button.click();
    await item.getByText(`Acknowledged by ${responder.email}`).waitFor();
    const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
    expect(row.acknowledgedBy).toBe(responder.email);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'alert'), eq(auditLog.targetId, String(id))));
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([['alert.acknowledge', responder.email]]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The filters live in the URL.
    await page.getByLabel('Feature').selectOption(feature);
    await page.getByLabel('State').selectOption('resolved');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/state=resolved/);
    expect(new URL(page.url()).searchParams.get('feature')).toBe(feature);
    await page.getByText('No resolved alerts match these filters.').waitFor();
    expect(await page.getByRole('heading', { name: /^Firing/ }).count()).toBe(0);
    await page.context().close();
  });
});

describe('settings: webhooks', () => {
  let receiver: LocalServer;
  beforeAll(async () => {
    receiver = await startLocalServer((_req, res) => json(res, 200, { ok: true }));
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('lets an admin add a webhook (an invalid URL is refused), send a test, and delete it', async () => {
    const page = await signedInPage(browser, ADMIN);
    page.setDefaultTimeout(10_000);
    await page.goto('/settings/keys');
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL('**/settings/webhooks');
    const name = `oncall ${Date.now()}`;

    await page.getByLabel('Name').fill(name);
    await page.getByLabel('URL').fill('ftp://hooks.example.com/x');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText('Enter a full http:// or https:// URL').waitFor();
    const { db } = await testDatabase();
    expect(await db.select().from(webhooks).where(eq(webhooks.name, name))).toEqual([]);

    await page.getByLabel('URL').fill(`${receiver.url}/slack`);
    await page.getByRole('radio', { name: /^page/i }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText(`Added “${name}”.`).waitFor();
    const [stored] = await db.select().from(webhooks).where(eq(webhooks.name, name));
    expect(stored).toMatchObject({ url: `${receiver.url}/slack`, minSeverity: 'page', enabled: true });
    const created = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'webhook.create'), eq(auditLog.targetId, String(stored.id))));
    expect(created[0].actorLabel).toBe(ADMIN.email);

    const card = page.getByRole('article', { name });
    await card.getByRole('button', { name: `Send a test message to ${name}` }).click();
    await card.getByText(/Delivered: the receiver answered HTTP 200 in \d+ ms/).waitFor();
    const test = JSON.parse(receiver.requests.at(-1)!.body);
    expect(test.text).toContain('TEST [page] example-feature');

    await card.getByRole('button', { name: `Delete ${name}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete webhook' }).click();
    await page.getByRole('article', { name }).waitFor({ state: 'detached' });
    expect(await db.select().from(webhooks).where(eq(webhooks.id, stored.id))).toEqual([]);
    await page.context().close();
  });

  it('shows a viewer the webhooks read-only, without the secret part of the URL, with their deliveries', async () => {
    const { db } = await testDatabase();
    const [hook] = await db
      .insert(webhooks)
      .values({ name: `readonly ${Date.now()}`, url: `${receiver.url}/services/T000/SECRET` })
      .returning();
    try {
      const feature = await createFeature('e2e-delivered');
      await openAlerts([alertCandidate(feature)], new Date());
      await until(
        async () => (await deliveriesOf(hook.id))[0]?.deliveredAt != null,
        20_000,
        'the app to deliver the alert',
      );

      const page = await signedInPage(browser, await createTestUser('viewer'));
      await page.goto('/settings/webhooks');
      const card = page.getByRole('article', { name: hook.name });
      await card.getByText(`${receiver.url}/…`).waitFor();
      expect(await page.content()).not.toContain('SECRET');
      expect(await page.getByRole('button', { name: 'Add webhook' }).count()).toBe(0);
      expect(await card.getByRole('button').count()).toBe(0);
      const delivery = card.getByRole('listitem').filter({ hasText: `firing · page · ${feature}` });
      await delivery.getByText('Delivered', { exact: true }).waitFor();
      await delivery.getByText(/1 attempt · last answer HTTP 200/).waitFor();
      await page.context().close();
    } finally {
      await db.delete(webhooks).where(eq(webhooks.id, hook.id));
    }
  });
});
