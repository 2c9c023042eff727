import { and, eq } from 'drizzle-orm';
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { launchBrowser, signedInPage, navLink, searchList } from '../support/browser';
import { createFeature } from '../support/switches';
import { ADMIN, baseUrl, createTestKey, createTestUser, testDatabase } from '../support/system';

describe('the switches page', () => {
  let browser: Browser;
  let feature: string;
  /** The admin's flip as the browser sent it: replayed as a viewer below. */
  let flipRequest: { url: string; headers: Record<string, string>; body: string } | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    feature = await createFeature('e2e-support-agent');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets an admin on a phone kill a feature with a reason, and the API and audit trail show it', async () => {
    const page = await signedInPage(browser, ADMIN);
    page.on('request', (req: Request) => {
      const headers = req.headers();
      if (req.method() === 'POST' && headers['next-action'])
        flipRequest = { url: req.url(), headers, body: req.postData() ?? '' };
    });
    await navLink(page, 'Switches').click();
    await page.getByRole('heading', { name: 'Switches' }).waitFor();
    await searchList(page, feature);

    const card = page.getByRole('listitem', { name: `${feature}: live` });
    await card.getByText('LIVE', { exact: true }).waitFor();
    const kill = card.getByRole('button', { name: `Kill ${feature}` });
    expect((await kill.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    const dialog = page.getByRole('alertdialog', { name: `Kill ${feature}?` });
    // Escape backs out without a trace.
    await kill.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await card.getByText('LIVE', { exact: true }).waitFor();

    await kill.click();
    await dialog.waitFor();
    // The reason is required: confirming without one is refused in place.
    await dialog.getByRole('button', { name: `Kill ${feature}` }).click();
    await dialog.getByText('Give a reason of at least 3 characters.').waitFor();
    // A common reason is one tap: it flips at once.
    await dialog.getByRole('button', { name: 'Provider outage' }).click();
    await dialog.waitFor({ state: 'detached' });

    const killed = page.getByRole('listitem', { name: `${feature}: killed` });
    await killed.getByText('KILLED', { exact: true }).waitFor();
    await killed.getByText('“Provider outage”').waitFor();
    await killed.getByText(ADMIN.email).waitFor();
    await killed.getByRole('button', { name: 'History' }).click();
    const entry = killed.getByRole('listitem').filter({ hasText: `${ADMIN.email}: LIVE → KILLED` });
    await entry.getByText('“Provider outage”').waitFor();
    // Killed features come first.
    expect(await page.getByRole('listitem').first().getAttribute('aria-label')).toMatch(/: killed$/);

    const key = await createTestKey(['switches:read']);
    const res = await fetch(`${baseUrl()}/api/v1/switches`, { headers: { authorization: `Bearer ${key}` } });
    const doc = await res.json();
    expect(doc.switches.find((s: { feature: string }) => s.feature === feature)).toMatchObject({
      killed: true,
      reason: 'Provider outage',
      updatedBy: ADMIN.email,
    });
    expect(flipRequest, 'the flip went through a server action').toBeDefined();

    // The way back asks for its own reason: nothing carried over from the kill.
    await killed.getByRole('button', { name: `Restore ${feature}` }).click();
    const restore = page.getByRole('alertdialog', { name: `Restore ${feature}?` });
    await restore.getByRole('button', { name: 'Fix deployed' }).waitFor();
    expect(await restore.getByLabel(/Reason/).inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await restore.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('treats a flip whose answer was lost as unconfirmed and shows what the server has', async () => {
    const lost = await createFeature('e2e-lost-answer');
    const page = await signedInPage(browser, ADMIN);
    await page.goto('/switches');
    await searchList(page, lost);
    // The flip reaches the server, but its answer is replaced by a proxy error on the way back.
    await page.route('**/switches', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.fulfill({ status: 502, body: 'Bad gateway' });
    });
    await page.getByRole('button', { name: `Kill ${lost}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Kill ${lost}?` });
    await dialog.getByRole('button', { name: 'Bad outputs' }).click();
    // The re-read finds the switch killed: the question is moot and the dialog goes, not turns into "Restore".
    await page
      .getByRole('listitem', { name: `${lost}: killed` })
      .getByText('“Bad outputs”')
      .waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.context().close();
  });

  it('shows a viewer the states without a flip control, and the server refuses their flip', async () => {
    const viewer = await createTestUser('viewer');
    const page = await signedInPage(browser, viewer);
    await page.goto('/switches');
    await page.getByText('Responders and admins can flip switches.').waitFor();
    const card = page.getByRole('listitem', { name: `${feature}: killed` });
    await card.getByText('KILLED', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^(Kill|Restore) / }).count()).toBe(0);

    // A viewer who crafts the request anyway: the admin's captured server-action call (same
    // action id, same encoding), sent from the viewer's signed-in page with the viewer's cookie,
    // now asking to restore the feature.
    const { db } = await testDatabase();
    const auditFor = () =>
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetType, 'switch'), eq(auditLog.targetId, feature)));
    const auditBefore = (await auditFor()).length;
    const body = flipRequest!.body
      .replace('"killed":true', '"killed":false')
      .replace('Provider outage', 'Viewer was here');
    expect(body).toContain('"killed":false');
    const answer = await page.evaluate(
      async ({ url, headers, body }) => {
        const res = await fetch(url, { method: 'POST', headers, body });
        return { status: res.status, text: await res.text() };
      },
      {
        url: flipRequest!.url,
        headers: {
          'next-action': flipRequest!.headers['next-action'],
          'content-type': flipRequest!.headers['content-type'],
          accept: 'text/x-component',
        },
        body,
      },
    );
    expect(answer.text).toContain('This needs the responder role; you are viewer.');
    expect(answer.text).toContain('"ok":false');

    const key = await createTestKey(['switches:read']);
    const res = await fetch(`${baseUrl()}/api/v1/switches`, { headers: { authorization: `Bearer ${key}` } });
    const doc = await res.json();
    expect(doc.switches.find((s: { feature: string }) => s.feature === feature)).toMatchObject({
      killed: true,
      reason: 'Provider outage',
    });
    expect((await auditFor()).length).toBe(auditBefore);
    await page.context().close();
  });
});
