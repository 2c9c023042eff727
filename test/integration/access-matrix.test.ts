// Access control matrix (issue 7, item 5): every page, API route and server action found on disk,
// against anonymous, each role, a revoked key and a key of each scope. The tables below are the
// decision of who may do what; a route or action on disk without a row fails the first test.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKeyById } from '@/lib/api-keys/manage';
import { roleAllows, SCOPES, type Role, type Scope } from '@/lib/auth/roles';
import { apiRoutes, builtActions, pages, serverActions } from '../support/app-surface';
import { postCalls, testCall } from '../support/calls';
import { sessionCookie } from '../support/sessions';
import { ADMIN, baseUrl, createTestKey, createTestUser, testDatabase } from '../support/system';

/**
 * Who may call an API route: a key with `scope` (or one of several), and/or a session with at least
 * `role`; 'token': only a signed URL token (OFREP's event stream), so every principal gets 401.
 */
type ApiGuard = 'public' | 'token' | { scope: Scope | readonly Scope[] | null; role: Role | null };
type PageGuard = 'public' | Role;

const FEATURE = 'matrix-feature';
const OFREP_SCOPES: readonly Scope[] = ['switches:read', 'switches:public'];
const MISSING_UUID = '00000000-0000-4000-8000-000000000000';
/** Values for path parameters: an existing feature, ids that do not exist (the guard runs first). */
const PARAMS: Record<string, string> = { key: FEATURE, feature: FEATURE, id: '999999', nextauth: 'session' };

// Every row says who is allowed; the probe sends input that is refused after the guard (invalid
// or unknown ids), so an allowed principal changes nothing either.
const API: Record<string, { guard: ApiGuard; path?: string; body?: string }> = {
  // The catch-all of unknown API paths: a JSON 404 for anyone.
  'GET /api/[...path]': { guard: 'public', path: '/api/v1/no-such-endpoint' },
  'POST /api/[...path]': { guard: 'public', path: '/api/v1/no-such-endpoint', body: '{}' },
  'PUT /api/[...path]': { guard: 'public', path: '/api/v1/no-such-endpoint', body: '{}' },
  'PATCH /api/[...path]': { guard: 'public', path: '/api/v1/no-such-endpoint', body: '{}' },
  'DELETE /api/[...path]': { guard: 'public', path: '/api/v1/no-such-endpoint' },
  'GET /api/auth/[...nextauth]': { guard: 'public' },
  'POST /api/auth/[...nextauth]': { guard: 'public', path: '/api/auth/_log', body: '{}' },
  'GET /api/health': { guard: 'public' },
  'GET /api/metrics': { guard: { scope: 'read', role: null } },
  'POST /api/v1/alerts/[id]/ack': { guard: { scope: 'switches:write', role: 'responder' }, body: '{}' },
  'GET /api/v1/alerts': { guard: { scope: 'read', role: 'viewer' } },
  'GET /api/v1/calls/[id]': { guard: { scope: 'read', role: 'viewer' }, path: `/api/v1/calls/${MISSING_UUID}` },
  'GET /api/v1/calls': { guard: { scope: 'read', role: 'viewer' } },
  'POST /api/v1/calls': { guard: { scope: 'ingest', role: null }, body: '{"calls":"not a list"}' },
  'PUT /api/v1/eval-runs/[id]/baseline': { guard: { scope: 'config:write', role: 'admin' }, body: '{}' },
  'GET /api/v1/eval-runs/[id]': { guard: { scope: 'read', role: 'viewer' } },
  'POST /api/v1/eval-runs': { guard: { scope: 'evals:write', role: null }, body: '{}' },
  'GET /api/v1/features/[key]/eval-runs/baseline': { guard: { scope: 'read', role: 'viewer' } },
  'GET /api/v1/features/[key]/eval-runs': { guard: { scope: 'read', role: 'viewer' } },
  'GET /api/v1/features/[key]/health': { guard: { scope: 'read', role: 'viewer' } },
  'GET /api/v1/features/[key]/slos': { guard: { scope: 'read', role: 'viewer' } },
  'PUT /api/v1/features/[key]/slos': { guard: { scope: 'config:write', role: 'admin' }, body: '{"slos":"not a list"}' },
  'GET /api/v1/features/[key]/stats': { guard: { scope: 'read', role: 'viewer' } },
  'GET /api/v1/features/[key]/triggers': { guard: { scope: 'switches:read', role: 'viewer' } },
  'POST /api/v1/features/[key]/triggers': {
    guard: { scope: 'switches:write', role: 'admin' },
    body: '{"action":"explode"}',
  },
  'PATCH /api/v1/features/[key]/triggers/[id]': {
    guard: { scope: 'switches:write', role: 'admin' },
    body: '{"enabled":false}',
  },
  'DELETE /api/v1/features/[key]/triggers/[id]': { guard: { scope: 'switches:write', role: 'admin' } },
  'POST /api/v1/features/[key]/triggers/[id]/rotate': { guard: { scope: 'switches:write', role: 'admin' }, body: '{}' },
  // A trigger URL: its secret is the credential, so no key or session; an unknown secret is 404.
  'POST /api/v1/triggers/[secret]': { guard: 'public', path: '/api/v1/triggers/sbt_not-a-trigger', body: '{}' },
  'POST /api/v1/otlp/v1/traces': { guard: { scope: 'ingest', role: null }, body: '{"resourceSpans":"not a list"}' },
  'GET /api/v1/overview': { guard: { scope: 'read', role: 'viewer' } },
  'POST /api/v1/scores': { guard: { scope: 'ingest', role: null }, body: '{"scores":"not a list"}' },
  'GET /api/v1/switches/[feature]/history': { guard: { scope: 'switches:read', role: 'viewer' } },
  'GET /api/v1/switches/[feature]': { guard: { scope: 'switches:read', role: 'viewer' } },
  'PUT /api/v1/switches/[feature]': { guard: { scope: 'switches:write', role: null }, body: '{"state":"sideways"}' },
  'GET /api/v1/switches': { guard: { scope: 'switches:read', role: 'viewer' } },
  'GET /api/v1/switches/stream': { guard: { scope: 'switches:read', role: 'viewer' } },
  'POST /ofrep/v1/evaluate/flags': { guard: { scope: OFREP_SCOPES, role: null }, body: '{"context":7}' },
  'OPTIONS /ofrep/v1/evaluate/flags': { guard: 'public' },
  'POST /ofrep/v1/evaluate/flags/[key]': { guard: { scope: OFREP_SCOPES, role: null }, body: '{"context":7}' },
  'OPTIONS /ofrep/v1/evaluate/flags/[key]': { guard: 'public' },
  'GET /ofrep/v1/events': { guard: 'token' },
  'OPTIONS /ofrep/v1/events': { guard: 'public' },
};

// Admin pages render "Admins only" to lower roles instead of their data.
const PAGES: Record<string, PageGuard> = {
  '/': 'viewer',
  '/alerts': 'viewer',
  '/calls': 'viewer',
  '/evals': 'viewer',
  '/evals/compare': 'viewer',
  '/evals/runs/[id]': 'viewer',
  '/features/[key]': 'viewer',
  '/features/[key]/evals': 'viewer',
  '/features/[key]/slos': 'viewer',
  '/settings': 'viewer',
  '/settings/keys': 'admin',
  '/settings/users': 'admin',
  '/settings/webhooks': 'viewer',
  '/switches': 'viewer',
  '/login': 'public',
  '/setup': 'public',
};

const ACTIONS: Record<string, PageGuard> = {
  'app/(app)/alerts/actions.ts#acknowledgeAlertAction': 'responder',
  'app/(app)/evals/runs/[id]/actions.ts#markBaselineAction': 'admin',
  'app/(app)/features/[key]/slos/actions.ts#deleteSlo': 'admin',
  'app/(app)/features/[key]/trigger-actions.ts#createTriggerAction': 'admin',
  'app/(app)/features/[key]/trigger-actions.ts#deleteTriggerAction': 'admin',
  'app/(app)/features/[key]/trigger-actions.ts#rotateTriggerAction': 'admin',
  'app/(app)/features/[key]/trigger-actions.ts#setTriggerEnabledAction': 'admin',
  'app/(app)/features/[key]/slos/actions.ts#previewSlo': 'viewer',
  'app/(app)/features/[key]/slos/actions.ts#saveAutoTrip': 'admin',
  'app/(app)/features/[key]/slos/actions.ts#saveBudgets': 'admin',
  'app/(app)/features/[key]/slos/actions.ts#saveSlo': 'admin',
  'app/(app)/settings/keys/actions.ts#createKey': 'admin',
  'app/(app)/settings/keys/actions.ts#revokeKey': 'admin',
  'app/(app)/settings/users/actions.ts#addUser': 'admin',
  'app/(app)/settings/users/actions.ts#changeRole': 'admin',
  'app/(app)/settings/users/actions.ts#setDisabled': 'admin',
  'app/(app)/settings/webhooks/actions.ts#addWebhook': 'admin',
  'app/(app)/settings/webhooks/actions.ts#deleteWebhook': 'admin',
  'app/(app)/settings/webhooks/actions.ts#editWebhook': 'admin',
  'app/(app)/settings/webhooks/actions.ts#setWebhookEnabled': 'admin',
  'app/(app)/settings/webhooks/actions.ts#testWebhook': 'admin',
  'app/(app)/switches/actions.ts#flipSwitchAction': 'responder',
  'app/(auth)/setup/actions.ts#createFirstAdmin': 'public',
};

type Principal =
  | { name: 'anonymous'; kind: 'anonymous'; headers: Record<string, string> }
  | { name: Role; kind: 'user'; role: Role; headers: Record<string, string> }
  | { name: string; kind: 'revoked'; headers: Record<string, string> }
  | { name: string; kind: 'key'; scope: Scope; headers: Record<string, string> };

const fill = (pattern: string) => pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => PARAMS[name]!);

function missing(onDisk: string[], table: Record<string, unknown>, what: string): string[] {
  return onDisk
    .filter((entry) => !(entry in table))
    .map(
      (entry) =>
        `${what} "${entry}" has no row in test/integration/access-matrix.test.ts: give it a guard (lib/auth/guard.ts, roleAction or requirePageUser) and add its row.`,
    );
}

/** Runs `tasks` a few at a time: the matrix is hundreds of requests against one server. */
async function inPool<T>(tasks: (() => Promise<T>)[], width = 6): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

function expectedApi(guard: ApiGuard, p: Principal): 'allowed' | 401 | 403 {
  if (guard === 'public') return 'allowed';
  if (guard === 'token' || p.kind === 'anonymous' || p.kind === 'revoked') return 401;
  if (p.kind === 'key')
    return guard.scope === p.scope || (Array.isArray(guard.scope) && guard.scope.includes(p.scope)) ? 'allowed' : 403;
  if (!guard.role) return 401; // key-only routes: a session is not a key
  return roleAllows(p.role, guard.role) ? 'allowed' : 403;
}

const pageAllows = (guard: PageGuard, p: Principal) =>
  guard === 'public' || (p.kind === 'user' && roleAllows(p.role, guard));

describe('access control matrix', () => {
  const principals: Principal[] = [];
  const rows: string[] = [];

  beforeAll(async () => {
    principals.push({ name: 'anonymous', kind: 'anonymous', headers: {} });
    for (const role of ['viewer', 'responder', 'admin'] as const) {
      const user = role === 'admin' ? ADMIN : await createTestUser(role);
      principals.push({ name: role, kind: 'user', role, headers: { cookie: await sessionCookie(user) } });
    }
    const { db } = await testDatabase();
    const revoked = await createApiKey(
      db,
      { name: 'matrix-revoked', scopes: [...SCOPES] },
      { id: 'test', label: 'test' },
    );
    await revokeApiKeyById(db, revoked.id, { id: 'test', label: 'test' });
    principals.push({ name: 'revoked key', kind: 'revoked', headers: { authorization: `Bearer ${revoked.key}` } });
    for (const scope of SCOPES) {
      const key = await createTestKey([scope], `matrix-${scope}`);
      principals.push({ name: `key:${scope}`, kind: 'key', scope, headers: { authorization: `Bearer ${key}` } });
    }
    // The feature the [key] pages and routes are probed with.
    const ingest = await createTestKey(['ingest'], 'matrix-setup');
    expect((await postCalls(ingest, { calls: [testCall({ feature: FEATURE })] })).status).toBe(200);
  });

  it('has a row for every route, page and server action on disk', () => {
    const gaps = [
      ...missing(apiRoutes(), API, 'API route'),
      ...missing(pages(), PAGES, 'Page'),
      ...missing(serverActions(), ACTIONS, 'Server action'),
    ];
    expect(gaps).toEqual([]);
    // And no stale rows: the table describes the app as it is.
    expect(Object.keys(API).sort()).toEqual(apiRoutes());
    expect(Object.keys(PAGES).sort()).toEqual(pages());
    expect(Object.keys(ACTIONS).sort()).toEqual(serverActions());
  });

  it('answers every API route with the status its guard decides, and changes nothing', async () => {
    const { db } = await testDatabase();
    const auditBefore = await countAudit(db);
    const failures = await inPool(
      Object.entries(API).flatMap(([route, { guard, path, body }]) =>
        principals.map((p) => async () => {
          const [method, pattern] = route.split(' ') as [string, string];
          const res = await fetch(`${baseUrl()}${path ?? fill(pattern)}`, {
            method,
            redirect: 'manual',
            headers: { ...p.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
            body,
          });
          const text = res.headers.get('content-type')?.includes('event-stream') ? '' : await res.text();
          await res.body?.cancel().catch(() => {});
          const want = expectedApi(guard, p);
          rows.push(`${route} × ${p.name}: ${res.status}`);
          const ok =
            want === 'allowed'
              ? res.status < 500 && res.status !== 401 && res.status !== 403
              : res.status === want && /"error"|"errorCode"/.test(text);
          return ok ? null : `${route} as ${p.name}: expected ${want}, got ${res.status} ${text.slice(0, 160)}`;
        }),
      ),
    );
    expect(failures.filter(Boolean)).toEqual([]);
    expect(await countAudit(db)).toBe(auditBefore);
  });

  it('serves the icon to anyone, and pages link to it (so browsers do not ask for a missing /favicon.ico)', async () => {
    const icon = await fetch(`${baseUrl()}/icon.svg`, { redirect: 'manual' });
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(icon.headers.get('content-security-policy')).toContain("img-src 'self'");
    const login = await (await fetch(`${baseUrl()}/login`)).text();
    expect(login).toMatch(/<link rel="icon" href="\/icon\.svg[^"]*"[^>]* type="image\/svg\+xml"/);
  });

  it('sends pages to sign-in without a session, also when only the page segment is asked for', async () => {
    const failures = await inPool(
      Object.entries(PAGES).flatMap(([pattern, guard]) =>
        principals.map((p) => async () => {
          const url = `${baseUrl()}${fill(pattern)}`;
          const res = await fetch(url, { redirect: 'manual', headers: p.headers });
          const html = await res.text();
          const location = res.headers.get('location') ?? '';
          rows.push(`page ${pattern} × ${p.name}: ${res.status}`);
          if (res.status >= 500) return `${pattern} as ${p.name}: ${res.status}`;
          if (guard === 'public') return null;
          if (p.kind !== 'user') {
            if (res.status !== 307 || !location.startsWith('/login'))
              return `${pattern} as ${p.name}: expected a redirect to /login, got ${res.status} ${location}`;
            // The client router asks for just the page segment while claiming the (app) layout is
            // mounted; Next then skips the layout, so the page must check the session itself.
            const rsc = await pageSegment(url, p.headers);
            return /NEXT_REDIRECT;\w+;\/login[;?]/.test(rsc)
              ? null
              : `${pattern} as ${p.name}: the page segment rendered without a session (call requirePageUser in the page)`;
          }
          if (res.status === 307 && location.startsWith('/login'))
            return `${pattern} as ${p.name}: sent to sign-in although signed in`;
          if (guard === 'admin' && !pageAllows(guard, p) && !html.includes('Admins only'))
            return `${pattern} as ${p.name}: admin page shown to a ${p.role}`;
          if (pageAllows(guard, p) && html.includes('Admins only'))
            return `${pattern} as ${p.name}: refused an allowed ${p.role}`;
          return null;
        }),
      ),
    );
    expect(failures.filter(Boolean)).toEqual([]);
  });

  it('refuses server actions called directly over HTTP below their role, on the server', async () => {
    const built = builtActions();
    const { db } = await testDatabase();
    const auditBefore = await countAudit(db);
    const failures = await inPool(
      Object.entries(ACTIONS).flatMap(([action, guard]) =>
        principals.map((p) => async () => {
          const target = built.get(action);
          if (!target) return `${action} is not in the build's server-reference manifest: rebuild (npm run build).`;
          const res = await fetch(`${baseUrl()}${fill(target.page)}`, {
            method: 'POST',
            redirect: 'manual',
            headers: {
              ...p.headers,
              'next-action': target.id,
              'content-type': 'text/plain;charset=UTF-8',
              accept: 'text/x-component',
              origin: baseUrl(),
            },
            // Input no schema accepts: an allowed caller gets a validation answer, not a change.
            body: JSON.stringify(['not the input of any action']),
          });
          const text = await res.text();
          rows.push(`action ${action} × ${p.name}: ${res.status}`);
          const allowed = pageAllows(guard, p);
          const refused = text.includes('Sign in first.') || text.includes('role; you are');
          if (allowed)
            return text.includes('Please correct the highlighted fields.')
              ? null
              : `${action} as ${p.name}: expected a validation answer, got ${res.status} ${text.slice(0, 200)}`;
          return refused ? null : `${action} as ${p.name}: not refused: ${res.status} ${text.slice(0, 200)}`;
        }),
      ),
    );
    expect(failures.filter(Boolean)).toEqual([]);
    expect(await countAudit(db)).toBe(auditBefore);
    console.log(
      `Access matrix: ${principals.length} principals × (${Object.keys(API).length} API routes + ${Object.keys(PAGES).length} pages + ${Object.keys(ACTIONS).length} server actions) = ${rows.length} checks`,
    );
  });
});

async function countAudit(db: Awaited<ReturnType<typeof testDatabase>>['db']): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from audit_log`);
  const list = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return (list[0] as { n: number }).n;
}

/** The page's RSC payload as the client router asks for it when navigating from another page. */
async function pageSegment(url: string, headers: Record<string, string>): Promise<string> {
  const from = new URL(url).pathname.startsWith('/alerts') ? 'switches' : 'alerts';
  const tree = ['', { children: ['(app)', { children: [from, { children: ['__PAGE__', {}] }] }] }];
  const res = await fetch(url, {
    headers: { ...headers, rsc: '1', 'next-router-state-tree': encodeURIComponent(JSON.stringify(tree)) },
  });
  return res.text();
}
