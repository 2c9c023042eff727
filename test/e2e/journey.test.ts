// The whole path on a real Postgres server, as a new team would walk it: the CLI makes a
// key, an application posts calls with it, the overview shows them with their cost, on-call kills
// the feature in the browser, and an application sees it in GET /api/v1/switches and on the stream.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUsd } from '@/lib/format/numbers';
import { launchBrowser, signedInPage, navLink, searchList } from '../support/browser';
import { postCalls } from '../support/calls';
import { runCli } from '../support/cli';
import { SseReader } from '../support/switches';
import { ADMIN, baseUrl } from '../support/system';

const FEATURE = `journey-${Date.now().toString(36)}`;

describe('from a new key to a killed feature', () => {
  let browser: Browser;
  let key: string;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a key with the CLI', async () => {
    const res = await runCli(['keys', 'create', '--name', 'journey-app', '--scopes', 'ingest,switches:read,read']);
    expect(res.code, res.stderr).toBe(0);
    key = res.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^sb_/);
  });

  it('stores calls posted with that key, with their cost from the price table', async () => {
    const ids = [randomUUID(), randomUUID()];
    const res = await postCalls(key, {
      calls: ids.map((id, i) => ({
        id,
        feature: FEATURE,
        model: 'gpt-4o-mini',
        provider: 'openai',
        latencyMs: 400 + i * 100,
        inputTokens: 1_000_000,
        outputTokens: 100_000,
        prompt: 'Reach me at ana@example.com',
      })),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 2, rejected: [] });
    const stored = await (
      await fetch(`${baseUrl()}/api/v1/calls/${ids[0]}`, { headers: { authorization: `Bearer ${key}` } })
    ).json();
    expect(stored.costSource).toBe('price_table');
    expect(stored.costUsd).toBeGreaterThan(0);
    expect(JSON.stringify(stored.prompt)).toContain('[EMAIL]');
  });

  it('shows the feature on the overview, then kills it in the browser; the API and the stream see it', async () => {
    // The server's own aggregator counts the calls within about a second (nothing here runs it).
    const overviewRow = async () => {
      const overview = await (
        await fetch(`${baseUrl()}/api/v1/overview`, { headers: { authorization: `Bearer ${key}` } })
      ).json();
      return overview.features.find((f: { key: string }) => f.key === FEATURE);
    };
    await expect.poll(overviewRow, { timeout: 10_000, interval: 200 }).toMatchObject({ calls: 2, errors: 0 });
    const row = await overviewRow();

    const page = await signedInPage(browser, ADMIN, { width: 1280, height: 900 });
    await searchList(page, FEATURE);
    const cells = page.locator('tr').filter({ hasText: FEATURE });
    await cells.waitFor();
    expect(await cells.innerText()).toContain(formatUsd(row.costUsd));

    const connection = new AbortController();
    const stream = new SseReader(
      await fetch(`${baseUrl()}/api/v1/switches/stream`, {
        headers: { authorization: `Bearer ${key}` },
        signal: connection.signal,
      }),
    );
    expect((await stream.next()).event).toBe('snapshot');

    await navLink(page, 'Switches').click();
    await page.getByRole('heading', { name: 'Switches' }).waitFor();
    await searchList(page, FEATURE);
    await page.getByRole('button', { name: `Kill ${FEATURE}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Kill ${FEATURE}?` });
    await dialog.getByLabel(/Reason/).fill('Journey test: provider outage');
    await dialog.getByRole('button', { name: `Kill ${FEATURE}` }).click();
    await page.getByRole('listitem', { name: `${FEATURE}: killed` }).waitFor();

    const pushed = await stream.nextFor(FEATURE);
    expect(pushed.json).toMatchObject({ feature: FEATURE, killed: true, reason: 'Journey test: provider outage' });
    const doc = await (
      await fetch(`${baseUrl()}/api/v1/switches`, { headers: { authorization: `Bearer ${key}` } })
    ).json();
    expect(doc.switches.find((s: { feature: string }) => s.feature === FEATURE)).toMatchObject({
      killed: true,
      reason: 'Journey test: provider outage',
      updatedBy: ADMIN.email,
    });
    connection.abort();
    await page.context().close();
  });
});
