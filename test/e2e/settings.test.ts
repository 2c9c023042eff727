// What an admin and a viewer do on the settings pages, in Chromium against the running app.
import { and, eq, ne } from 'drizzle-orm';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findActiveApiKeyByHash } from '@/db/queries/api-keys';
import { findUserByEmail } from '@/db/queries/users';
import { apiKeys, auditLog, users } from '@/db/schema';
import { hashApiKey } from '@/lib/api-keys/token';
import { launchBrowser, signedInPage } from '../support/browser';
import { ADMIN, createTestUser, testDatabase } from '../support/system';

/** The server action call a page makes, so that it can be replayed with someone else's session. */
function captureAction(page: Page): Promise<Request> {
  return page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
}

describe('settings: API keys', () => {
  let browser: Browser;
  let createKeyCall: Request | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets an admin create a key, shows it once, and revoking it stops it at once', async () => {
    const page = await signedInPage(browser, ADMIN);
    await page.goto('/settings/keys');
    const name = `browser key ${Date.now()}`;

    // The shared schema answers before anything is sent.
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Give the key a name.').waitFor();
    await page.getByText('Choose at least one scope.').waitFor();

    await page.getByLabel('Name').fill(name);
    await page.getByRole('checkbox', { name: /^ingest/ }).check();
    await page.getByRole('checkbox', { name: /^read\b/ }).check();
    const call = captureAction(page);
    await page.getByRole('button', { name: 'Create key' }).click();
    createKeyCall = await call;
    await page.getByText('it will not be shown again').waitFor();
    const key = (await page.getByTestId('new-api-key').textContent())!.trim();
    expect(key).toMatch(/^sb_/);

    const { db } = await testDatabase();
    const stored = await findActiveApiKeyByHash(db, hashApiKey(key)); // what the API's guard looks up
    expect(stored).toMatchObject({ name, scopes: ['ingest', 'read'] });

    // Shown once: gone after dismissing, and not in the page after a reload either.
    await page.getByRole('button', { name: 'I have stored the key' }).click();
    await page.reload();
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
    await item.getByText(`${key.slice(0, 10)}…`).waitFor();
    expect(await page.content()).not.toContain(key);

    await item.getByRole('button', { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('refused with 401').waitFor();
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await item.getByRole('term').filter({ hasText: 'Revoked' }).waitFor(); // the revocation time
    expect(await findActiveApiKeyByHash(db, hashApiKey(key))).toBeUndefined();
    const revokes = await db.select().from(auditLog).where(eq(auditLog.action, 'api_key.revoke'));
    expect(revokes.find((e) => e.targetId === String(stored!.id))?.actorLabel).toBe(ADMIN.email);
    await page.context().close();
  });

  it('shows a viewer the admins-only message, and the server refuses the viewer a key', async () => {
    expect(createKeyCall, 'the admin test captures the create-key call').toBeDefined();
    const viewer = await createTestUser('viewer');
    const page = await signedInPage(browser, viewer);
    await page.goto('/settings/keys');
    await page.getByRole('heading', { name: 'Admins only' }).waitFor();
    await page.getByText('you are signed in as a viewer').waitFor();
    expect(await page.getByRole('button', { name: 'Create key' }).count()).toBe(0);

    // Replay the admin's create-key action with the viewer's session: the action checks the role.
    const name = `viewer key ${Date.now()}`;
    const body = createKeyCall!.postData()!.replace(/browser key \d+/, name);
    expect(body).toContain(name);
    const res = await page.request.post(createKeyCall!.url(), {
      headers: {
        'next-action': createKeyCall!.headers()['next-action'],
        'content-type': createKeyCall!.headers()['content-type'],
        accept: 'text/x-component',
      },
      data: body,
    });
    expect(await res.text()).toContain('This needs the admin role; you are viewer.');
    const rows = await (await testDatabase()).db.select().from(apiKeys).where(eq(apiKeys.name, name));
    expect(rows).toHaveLength(0);
    await page.context().close();
  });
});

describe('settings: users', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets an admin add a user, change their role and disable them; the disabled user cannot sign in', async () => {
    const page = await signedInPage(browser, ADMIN, { width: 1280, height: 900 });
    page.setDefaultTimeout(10_000);
    await page.goto('/settings/users');
    const email = `added-${Date.now()}@example.test`;

    await page.getByLabel('E-mail').fill('not an e-mail');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Enter a valid e-mail address.').waitFor();
    await page.getByText('Use at least 8 characters.').waitFor();

    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('a good long password');
    await page.getByRole('radio', { name: /^responder/i }).check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText(`Added ${email} as responder.`).waitFor();
    const { db } = await testDatabase();
    expect((await findUserByEmail(db, email))?.role).toBe('responder');

    await page.getByLabel(`Role of ${email}`).selectOption('viewer');
    await expect.poll(async () => (await findUserByEmail(db, email))?.role).toBe('viewer');
    await page.getByLabel(`Role of ${email}`).and(page.locator(':enabled')).waitFor();
    // The row's controls are remounted when the refreshed role arrives (user-list.tsx keys them by
    // role): a dialog opened before that would close under the click.
    await page.waitForLoadState('networkidle');

    await page.getByRole('button', { name: `Disable ${email}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Disable user' }).click();
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: email }) });
    await item.getByText('Disabled', { exact: true }).waitFor();
    const user = await findUserByEmail(db, email);
    expect(user?.disabledAt).not.toBeNull();
    const actions = (
      await db
        .select()
        .from(auditLog)
        .where(eq(auditLog.targetId, String(user!.id)))
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'user.role_change', 'user.disable']));

    const other = await browser.newPage({ baseURL: page.url() });
    await other.goto('/login');
    await other.getByLabel('E-mail').fill(email);
    await other.getByLabel('Password').fill('a good long password');
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByText('Wrong e-mail or password.').waitFor();
    await other.close();
    await page.context().close();
  });

  it('refuses to demote the last active admin with a clear message', async () => {
    // The test run has several admins; demote all but ADMIN first so that ADMIN is the last.
    const { db } = await testDatabase();
    const page = await signedInPage(browser, ADMIN);
    page.setDefaultTimeout(10_000);
    await db
      .update(users)
      .set({ role: 'viewer' })
      .where(and(eq(users.role, 'admin'), ne(users.email, ADMIN.email)));
    await page.goto('/settings/users');
    await page.getByLabel(`Role of ${ADMIN.email}`).selectOption('responder');
    await page.getByText('no active admin would be left').waitFor();
    expect((await findUserByEmail(db, ADMIN.email))?.role).toBe('admin');
    expect(await page.getByLabel(`Role of ${ADMIN.email}`).inputValue()).toBe('admin');
    await page.context().close();
  });
});
