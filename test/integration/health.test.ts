import { describe, expect, inject, it } from 'vitest';

describe('the running app', () => {
  const baseUrl = inject('baseUrl');

  it('reports itself healthy with the database reachable', async () => {
    const res = await fetch(`${baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const res = await fetch(`${baseUrl}/`, { redirect: 'manual' });
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.status).toBeLessThan(400);
    expect(res.headers.get('location')).toContain('/login');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
