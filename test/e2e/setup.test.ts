// A real server with no users and no SWITCHBOARD_ADMIN_*: the first visitor is sent to /setup,
// creates the admin, lands signed in, and the page is closed for good afterwards.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { launchBrowser } from '../support/browser';
import { createTestDatabase } from '../support/test-database';

describe('first start without a configured admin', () => {
  let browser: Browser;
  let app: AppServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await createTestDatabase('switchboard_setup');
    drop = database.drop;
    [app, browser] = await Promise.all([startAppServer(database.url), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await drop?.();
  });

  it('asks for the first admin once, then signs them in', async () => {
    const page = await browser.newPage({ baseURL: app.url, viewport: { width: 375, height: 740 } });
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: 'Create the first admin' }).waitFor();

    await page.getByLabel('E-mail').fill('first@example.test');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await page.getByText('Use at least 8 characters.').waitFor();

    await page.getByLabel('Password').fill('a long first password');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    // Closed for good: the page sends people to sign in, and the action refuses a second admin.
    const other = await browser.newPage({ baseURL: app.url });
    await other.goto('/setup');
    await other.waitForURL('**/login');
    expect(await other.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await other.close();
    await page.close();
  });
});
