// Unknown API paths answer a JSON 404 in the API's error shape (issue 15), whatever the method,
// while known routes and the dashboard's own 404 page are unchanged.
import { describe, expect, it } from 'vitest';
import { baseUrl, createTestKey } from '../support/system';

describe('an unknown /api path', () => {
  it('answers 404 with a JSON error for every method, also below a known route', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/features/x'],
      ['GET', '/api/v1/no-such-endpoint?x=1'],
      ['POST', '/api/v2/calls'],
      ['DELETE', '/api/v1/switches/checkout/history/extra'],
      ['PUT', '/api/nothing'],
    ]) {
      const res = await fetch(`${baseUrl()}${path}`, {
        method,
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
      });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await res.json();
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toContain(`${method} ${path.split('?')[0]}`);
    }
  });

  it('leaves known routes and the dashboard’s HTML 404 page alone', async () => {
    const key = await createTestKey(['read'], 'not-found');
    expect((await fetch(`${baseUrl()}/api/v1/overview`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(
      200,
    );
    expect((await fetch(`${baseUrl()}/api/health`)).status).toBe(200);
    const page = await fetch(`${baseUrl()}/no-such-page`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });
});
