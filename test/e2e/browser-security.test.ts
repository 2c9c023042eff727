// The Content-Security-Policy and frame denial hold while every page still works; server actions
// refuse a cross-site Origin; the sign-in form tells a locked-out user why; revoking a key on the
// keys page closes the switch stream opened with it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage, captureServerAction, searchList } from '../support/browser';
import { createFeature, SseReader } from '../support/switches';
import { ADMIN, baseUrl, createTestKey, createTestUser } from '../support/system';

/** Collects CSP violations (the DOM event and Chromium's console report) and script errors. */
async function watchViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} on ${location.pathname} (${e.sourceFile}:${e.lineNumber}:${e.columnNumber})`,
      ),
    );
  });
  return problems;
}

describe('security headers', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('send a CSP that denies framing on every page, and the pages render under it without violations', async () => {
    const feature = await createFeature('csp');
    const page = await signedInPage(browser, ADMIN, { width: 1280, height: 800 });
    const problems = await watchViolations(page);
    const paths = [
      '/',
      '/switches',
      '/alerts',
      '/calls',
      '/evals',
      '/settings',
      '/settings/keys',
      '/settings/users',
      '/settings/webhooks',
      `/features/${feature}`,
      `/features/${feature}/slos`,
    ];
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const headers = response!.headers();
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(headers['content-security-policy'], path).toContain("object-src 'none'");
      expect(headers['x-frame-options'], path).toBe('DENY');
      await page.waitForLoadState('networkidle');
      // The page hydrated: client components answer (the main navigation is rendered by React).
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    }
    // An interactive page still works: open the kill dialog and back out.
    await page.goto('/switches');
    await searchList(page, feature);
    await page.getByRole('button', { name: `Kill ${feature}` }).click();
    await page.getByRole('alertdialog', { name: `Kill ${feature}?` }).waitFor();
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
    await page.context().close();

    const login = await browser.newPage({ baseURL: baseUrl() });
    const loginProblems = await watchViolations(login);
    await login.goto('/login');
    await login.getByLabel('E-mail').fill('nobody@example.test');
    await login.getByLabel('Password').fill('not the password');
    await login.getByRole('button', { name: 'Sign in' }).click();
    await login.getByText('Wrong e-mail or password.').waitFor();
    expect(loginProblems).toEqual([]);
    await login.close();
  });

  it('keeps the app out of frames on other sites', async () => {
    const page = await browser.newPage();
    const refusals: string[] = [];
    page.on('console', (message) => refusals.push(message.text()));
    await page.setContent(`<iframe src="${baseUrl()}/login" width="400" height="300"></iframe>`);
    await page.waitForTimeout(1_500);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // Chromium replaces a refused frame with an error page: the login form never appears in it.
    expect(await frame?.locator('input[type=password]').count()).toBe(0);
    expect(refusals.join('\n')).toMatch(/frame-ancestors|X-Frame-Options/);
    await page.close();
  });
});

describe('server actions', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuse a replayed call that comes from another site, though the session cookie is valid', async () => {
    const feature = await createFeature('csrf-action');
    const page = await signedInPage(browser, ADMIN, { width: 1280, height: 800 });
    await page.goto('/switches');
    await searchList(page, feature);
    const call = captureServerAction(page);
    await page.getByRole('button', { name: `Kill ${feature}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Kill ${feature}?` });
    await dialog.getByRole('button', { name: 'Provider outage' }).click();
    const flip = await call;
    await dialog.waitFor({ state: 'detached' });

    const write = await createTestKey(['switches:write', 'switches:read']);
    const api = (init?: RequestInit) =>
      fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
        ...init,
        headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' },
      });
    const killed = async () => ((await (await api()).json()) as { killed: boolean }).killed;
    expect(await killed()).toBe(true);
    expect(
      (await api({ method: 'PUT', body: JSON.stringify({ killed: false, reason: 'Reset by the test' }) })).status,
    ).toBe(200);

    const headers = flip.headers();
    const replay = (origin: string) =>
      page.request.post(flip.url(), {
        headers: {
          'next-action': headers['next-action'],
          'content-type': headers['content-type'],
          accept: 'text/x-component',
          origin,
        },
        data: flip.postData()!,
      });
    const crossSite = await replay('https://evil.example');
    expect(crossSite.ok()).toBe(false);
    expect(await killed()).toBe(false);
    // The same call from this site goes through: the refusal above was the Origin, nothing else.
    await replay(new URL(baseUrl()).origin);
    expect(await killed()).toBe(true);
    await page.context().close();
  });
});

describe('the sign-in form', () => {
  it('tells a locked-out user why, and refuses the right password during the lockout', async () => {
    const browser = await launchBrowser();
    try {
      const user = await createTestUser('viewer');
      const page = await browser.newPage({ baseURL: baseUrl() });
      await page.goto('/login');
      for (let i = 0; i < 5; i++) {
        await page.getByLabel('Password').fill(`wrong ${i}`);
        await page.getByLabel('E-mail').fill(user.email);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByText('Wrong e-mail or password.').waitFor();
        await page.getByRole('button', { name: 'Sign in' }).and(page.locator(':enabled')).waitFor();
      }
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Too many wrong passwords for this account; try again in 15 minutes.').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await browser.close();
    }
  });
});

describe('revoking a key on the keys page', () => {
  it('closes a switch stream opened with it at once (same instance: no polling delay)', async () => {
    const browser = await launchBrowser();
    const abort = new AbortController();
    try {
      const page = await signedInPage(browser, ADMIN, { width: 1280, height: 800 });
      await page.goto('/settings/keys');
      const name = `stream key ${Date.now()}`;
      await page.getByLabel('Name').fill(name);
      await page.getByRole('checkbox', { name: /^switches:read/ }).check();
      await page.getByRole('button', { name: 'Create key' }).click();
      const key = (await page.getByTestId('new-api-key').textContent())!.trim();
      await page.getByRole('button', { name: 'I have stored the key' }).click();

      const stream = new SseReader(
        await fetch(`${baseUrl()}/api/v1/switches/stream`, {
          headers: { authorization: `Bearer ${key}` },
          signal: abort.signal,
        }),
      );
      expect((await stream.next()).event).toBe('snapshot');

      const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
      await item.getByRole('button', { name: `Revoke ${name}` }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke key' }).click();
      await item.getByRole('term').filter({ hasText: 'Revoked' }).waitFor();
      const revokedAt = performance.now();
      // The action returned after the commit; the stream must already be ending.
      await expect(stream.next(500)).rejects.toThrow('The stream ended.');
      console.log(
        `switch stream closed ${(performance.now() - revokedAt).toFixed(0)} ms after the revoke action answered`,
      );
    } finally {
      abort.abort();
      await browser.close();
    }
  });
});
