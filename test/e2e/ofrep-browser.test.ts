// A browser app on another origin (a chat widget) reads a kill switch through the OpenFeature web
// SDK and @openfeature/ofrep-web-provider, with a browser key: the flip reaches it through OFREP's
// event stream, without a reload and without polling; CORS lets its origin in and no other.
import http from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { createFeature } from '../support/switches';
import { baseUrl, createTestKey } from '../support/system';

const WIDGET_SOURCE = path.resolve(import.meta.dirname, '../fixtures/ofrep-widget/widget.ts');

/** Serves the widget's page and bundle at the origin the app's SWITCHBOARD_OFREP_CORS_ORIGINS names. */
async function serveWidget(origin: string): Promise<http.Server> {
  const bundle = await build({
    entryPoints: [WIDGET_SOURCE],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0].text;
  const server = http.createServer((req, res) => {
    if (req.url === '/widget.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>Chat widget</title><script src="/widget.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(Number(new URL(origin).port), '127.0.0.1', resolve));
  return server;
}

const flip = async (feature: string, killed: boolean, key: string) => {
  const res = await fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ killed, reason: 'Widget answers are off-policy' }),
  });
  expect(res.status).toBe(200);
};

describe('OFREP in the browser with @openfeature/web-sdk and @openfeature/ofrep-web-provider', () => {
  const origin = inject('widgetOrigin');
  let browser: Browser;
  let widgetServer: http.Server;
  beforeAll(async () => {
    [browser, widgetServer] = await Promise.all([launchBrowser(), serveWidget(origin)]);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => widgetServer?.close(resolve));
  });

  it('hears a flip through the event stream, without a reload or polling; a repeated poll gets 304', async () => {
    const feature = await createFeature('ofrep-widget');
    const browserKey = await createTestKey(['switches:public'], 'ofrep-widget-browser');
    const writeKey = await createTestKey(['switches:write'], 'ofrep-widget-oncall');
    const page = await browser.newPage();
    const streams: string[] = [];
    page.on('request', (req) => void (new URL(req.url()).pathname === '/ofrep/v1/events' && streams.push(req.url())));
    await page.goto(origin);
    expect(
      await page.evaluate(([url, key, f]) => window.startWidget(url, key, f), [baseUrl(), browserKey, feature]),
    ).toBe(true);
    await expect.poll(() => streams.length).toBe(1);

    await flip(feature, true, writeKey);
    await page.waitForFunction(() => window.widget.values.at(-1) === false, undefined, { timeout: 10_000 });
    await flip(feature, false, writeKey);
    await page.waitForFunction(() => window.widget.values.at(-1) === true, undefined, { timeout: 10_000 });

    // No polling: with a 500 ms poll interval a polling provider would ask about 8 times in 4 s; this
    // one asks only when the stream says a switch changed (other tests on this server flip theirs).
    const bulkCalls = () =>
      page.evaluate(() => window.widget.requests.filter((r) => r.path === '/ofrep/v1/evaluate/flags').length);
    const afterFlips = await bulkCalls();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await bulkCalls()).toBeLessThanOrEqual(afterFlips + 2);
    expect(streams).toHaveLength(1);

    // The app's own poll with the ETag it read (CORS exposes it) gets 304.
    const statuses = await page.evaluate(
      async ([url, key]) => {
        const ask = (etag?: string) =>
          fetch(`${url}/ofrep/v1/evaluate/flags`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${key}`,
              'Content-Type': 'application/json',
              ...(etag ? { 'If-None-Match': etag } : {}),
            },
            body: '{"context":{}}',
          });
        const first = await ask();
        const again = await ask(first.headers.get('etag') ?? undefined);
        return [first.status, again.status];
      },
      [baseUrl(), browserKey],
    );
    expect(statuses).toEqual([200, 304]);
  });

  it('lets only the configured origins in', async () => {
    const key = await createTestKey(['switches:public'], 'ofrep-cors');
    const ask = (from: string) =>
      fetch(`${baseUrl()}/ofrep/v1/evaluate/flags`, {
        method: 'POST',
        headers: { origin: from, authorization: `Bearer ${key}` },
        body: '{}',
      });
    expect((await ask(origin)).headers.get('access-control-allow-origin')).toBe(origin);
    expect((await ask('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${baseUrl()}/ofrep/v1/evaluate/flags`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
});
