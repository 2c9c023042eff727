// The evals pages against the running app: two runs uploaded through the API as CI would, the
// evals list, a feature's runs, a run's cases, marking the baseline as an admin (refused to a
// viewer on the server), and the comparison showing the regressed case, on a phone and a desktop.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureServerAction, launchBrowser, navLink, replayServerAction, signedInPage } from '../support/browser';
import { evalResult, evalRun, uploadEvalRun } from '../support/evals';
import { createFeature } from '../support/switches';
import { ADMIN, baseUrl, createTestKey, createTestUser } from '../support/system';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };
const HOUR = 3_600_000;

/** Screenshots for a person to look at, only when SCREENSHOT_DIR is set (never committed). */
async function screenshot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function noHorizontalScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
}

async function pageAs(
  browser: Browser,
  user: { email: string; password: string },
  viewport: { width: number; height: number },
) {
  const page = await signedInPage(browser, user, viewport);
  page.setDefaultTimeout(10_000);
  return page;
}

describe('the evals pages', () => {
  let browser: Browser;
  const feature = `ev-${Date.now().toString(36)}`;
  let before: number;
  let after: number;
  let markCall: Request | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    // Before: every case passes. After: refund-policy regresses, a case is added and one removed.
    before = (
      await uploadEvalRun(
        evalRun(
          feature,
          [
            evalResult('refund-policy', true),
            evalResult('greeting', true),
            evalResult('tone', true),
            evalResult('old-case', true),
          ],
          {
            startedAt: new Date(Date.now() - 2 * HOUR).toISOString(),
            finishedAt: new Date(Date.now() - 2 * HOUR + 90_000).toISOString(),
            gitCommit: '1a2b3c4d5e6f',
            gitBranch: 'main',
            model: 'gpt-4o-mini',
            promptVersion: 'v6',
          },
        ),
      )
    ).id;
    after = (
      await uploadEvalRun(
        evalRun(
          feature,
          [
            evalResult('refund-policy', false, {
              vars: { question: 'Can I get a refund after 40 days?' },
              output: 'Refunds are never possible.',
              expected: 'Refunds within 30 days; after that, store credit.',
            }),
            evalResult('greeting', true),
            evalResult('tone', true),
            evalResult('new-case', true),
          ],
          { gitCommit: '9f8e7d6c5b4a', gitBranch: 'prompt/shorter', model: 'gpt-4o-mini', promptVersion: 'v7' },
        ),
      )
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the feature on /evals, charts its runs, and lets an admin mark the baseline', async () => {
    const page = await pageAs(browser, ADMIN, DESKTOP);
    await navLink(page, 'Evals').click();
    await page.waitForURL('**/evals');
    const row = page.locator(`[data-feature="${feature}"]`);
    await row.getByText('75%', { exact: true }).waitFor();
    await row.getByText('BELOW THRESHOLD').waitFor();
    await row.getByText('No baseline marked').waitFor();
    await screenshot(page, 'evals-1280');

    await row.getByRole('link', { name: feature }).click();
    await page.waitForURL(`**/features/${feature}/evals`);
    await page.getByRole('figure', { name: 'Pass rate per run' }).locator('.recharts-surface').waitFor();
    await page.getByText('threshold 80%').first().waitFor();
    expect(
      await page.locator('[data-run]').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-run')))),
    ).toEqual([after, before]);
    await page.getByText('No baseline yet').waitFor();

    await page.getByRole('link', { name: `Run #${before}` }).click();
    await page.waitForURL(`**/evals/runs/${before}`);
    await page.getByRole('heading', { name: `Run #${before}`, level: 1 }).waitFor();
    await page.getByText('1a2b3c4d5e').waitFor();
    await page.getByText('✓ Every case passed.').waitFor();
    markCall = undefined;
    const captured = captureServerAction(page);
    await page.getByRole('button', { name: 'Mark as baseline' }).click();
    markCall = await captured;
    await page
      .getByText(/^◆ BASELINE$/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Mark as baseline' }).waitFor({ state: 'detached' });

    const res = await fetch(`${baseUrl()}/api/v1/features/${feature}/eval-runs/baseline`, {
      headers: { authorization: `Bearer ${await createTestKey(['read'], 'evals-e2e-reader')}` },
    });
    expect((await res.json()).id).toBe(before);
    await page.context().close();
  });

  it('shows a run’s failed case first, with its inputs, output, expected output and assertions', async () => {
    const page = await pageAs(browser, ADMIN, DESKTOP);
    await page.goto(`/evals/runs/${after}`);
    await page.getByText('BELOW THRESHOLD').waitFor();
    const failed = page.locator('[data-case="refund-policy"]');
    expect(await failed.getAttribute('open')).not.toBeNull();
    await failed.getByText('Can I get a refund after 40 days?').waitFor();
    await failed.getByText('Refunds are never possible.').waitFor();
    await failed.getByText('Refunds within 30 days; after that, store credit.').waitFor();
    await failed.getByText('output does not contain "answer"').waitFor();
    // Passed cases stay closed below the failures.
    expect(await page.locator('[data-case="greeting"]').getAttribute('open')).toBeNull();
    await screenshot(page, 'eval-run-1280');

    await page.getByRole('link', { name: `Compare with baseline (run #${before})` }).click();
    await page.waitForURL(`**/evals/compare?base=${before}&head=${after}`);
    const regressed = page.locator('[data-change="regressed"]');
    await regressed.first().waitFor();
    expect(await regressed.evaluateAll((items) => items.map((d) => d.getAttribute('data-case')))).toEqual([
      'refund-policy',
    ]);
    await regressed.getByText('pass → fail').waitFor();
    await regressed.getByText('Refunds are never possible.').waitFor();
    await page.locator('[data-change="new"][data-case="new-case"]').waitFor();
    await page.locator('[data-change="removed"][data-case="old-case"]').waitFor();
    expect(await page.locator('[data-change="unchanged"]').count()).toBe(2);
    await page.getByText('−25.0 points').waitFor();
    await screenshot(page, 'eval-compare-1280');
    await page.context().close();
  });

  it('reads on a 375-px phone without sideways scrolling', async () => {
    const page = await pageAs(browser, ADMIN, PHONE);
    for (const [path, name] of [
      ['/evals', 'evals-375'],
      [`/features/${feature}/evals`, 'feature-evals-375'],
      [`/evals/runs/${after}`, 'eval-run-375'],
      [`/evals/compare?base=${before}&head=${after}`, 'eval-compare-375'],
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await noHorizontalScroll(page);
      await screenshot(page, name);
    }
    await page.context().close();
  });

  it('refuses a viewer the baseline on the server and shows no button', async () => {
    expect(markCall, 'the admin test captured the action call').toBeDefined();
    const viewer = await pageAs(browser, await createTestUser('viewer'), PHONE);
    await viewer.goto(`/evals/runs/${after}`);
    await viewer.getByRole('heading', { name: `Run #${after}`, level: 1 }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Mark as baseline' }).count()).toBe(0);
    expect(await replayServerAction(viewer, markCall!)).toContain('This needs the admin role; you are viewer.');
    await viewer.context().close();
  });

  it('says what to do when a link is broken or a run does not exist', async () => {
    const page = await pageAs(browser, ADMIN, PHONE);
    await page.goto('/evals/compare?base=1');
    await page.getByRole('heading', { name: 'This comparison link is not complete' }).waitFor();
    await page.getByText('head: Must be an eval run id (a number).').waitFor();
    // A feature without runs says how to get one: the exact command CI runs.
    const quiet = await createFeature('ev-quiet');
    await page.goto(`/features/${quiet}`);
    await page.getByRole('link', { name: 'Eval runs' }).click();
    await page.waitForURL(`**/features/${quiet}/evals`);
    await page.getByRole('heading', { name: `No eval runs of ${quiet} yet` }).waitFor();
    await page.getByText(`npx switchboard eval evals/${quiet}.yaml --upload`).waitFor();
    await noHorizontalScroll(page);
    await screenshot(page, 'feature-evals-empty-375');
    const res = await page.goto('/evals/runs/999999');
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { name: 'No such eval run' }).waitFor();
    await page.context().close();
  });
});
