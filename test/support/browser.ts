// Debian's Chromium driven by playwright-core (it cannot download a browser of its own here).
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { baseUrl } from './system';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
}

/**
 * A new page signed in as the given user. `viewport` defaults to a phone (375 px wide); `base` to
 * the shared test server (a test with a server of its own passes that one's URL).
 */
export async function signedInPage(
  browser: Browser,
  user: { email: string; password: string },
  viewport = { width: 375, height: 740 },
  base = baseUrl(),
): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: base });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** The main navigation's link to a section, never a same-named link elsewhere on the page. */
export function navLink(page: Page, name: 'Overview' | 'Switches' | 'Alerts' | 'Calls' | 'Evals' | 'Settings') {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

/** The next server action call the page makes, so that a test can replay it with another session. */
export function captureServerAction(page: Page): Promise<Request> {
  return page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
}

/** Replays a captured server action call with `page`'s session; answers the response's text. */
export async function replayServerAction(page: Page, call: Request): Promise<string> {
  const headers = call.headers();
  const res = await page.request.post(call.url(), {
    headers: {
      'next-action': headers['next-action'],
      'content-type': headers['content-type'],
      accept: 'text/x-component',
    },
    data: call.postData()!,
  });
  return res.text();
}

/**
 * Narrows a list page (the overview, the switches) to the features whose key contains `text`, as a
 * user does among hundreds: the healthy rest of a long list is paged (lib/lists/visible-rows.ts).
 */
export async function searchList(page: Page, text: string): Promise<void> {
  await page.locator('input[type="search"]').fill(text);
}
