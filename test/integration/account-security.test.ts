// Account and key security (issue 7, item 6), against a second app instance on the test database
// whose output is captured: NEXTAUTH_URL is https there, as in production behind TLS.
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiKeys } from '@/db/schema';
import { createApiKey, revokeApiKeyById } from '@/lib/api-keys/manage';
import { createUser } from '@/lib/users/manage';
import { createSwitchboard } from '@/lib/sdk/index';
import { startAppServer, type AppServer } from '../support/app-server';
import { testCall } from '../support/calls';
import { signInOverHttp } from '../support/http-sign-in';
import { until } from '../support/local-server';
import { createFeature, SseReader } from '../support/switches';
import { testDatabase } from '../support/system';

const actor = { id: 'test', label: 'test' };
/** Everything that must never reach the server's output. */
const secrets: string[] = [];

let app: AppServer;
beforeAll(async () => {
  app = await startAppServer(inject('databaseUrl'), { NEXTAUTH_URL: 'https://switchboard.example.test' });
});
afterAll(async () => {
  await app?.stop();
});

let userCounter = 0;
async function newUser(role: 'viewer' | 'admin' = 'viewer') {
  const { db } = await testDatabase();
  const email = `sec-${Date.now().toString(36)}-${userCounter++}@example.test`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  await createUser(db, { email, password, role }, actor);
  secrets.push(password);
  return { email, password };
}

async function newKey(scopes: Parameters<typeof createApiKey>[1]['scopes']) {
  const { db } = await testDatabase();
  const created = await createApiKey(db, { name: `sec-${userCounter++}`, scopes }, actor);
  secrets.push(created.key);
  return created;
}

describe('session cookies', () => {
  it('are Secure, HttpOnly and SameSite=Lax when the app is served over https', async () => {
    const result = await signInOverHttp(app.url, await newUser());
    expect(result.error).toBeNull();
    const cookie = result.setCookies.find((c) => c.startsWith('__Secure-next-auth.session-token='));
    expect(cookie, result.setCookies.join('\n')).toBeDefined();
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });
});

describe('sign-in rate limit', () => {
  it('locks an account after 5 wrong passwords, refusing even the right one, and says why', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) {
      secrets.push(`wrong-${i}-${user.password}`);
      expect(
        (await signInOverHttp(app.url, { email: user.email, password: `wrong-${i}-${user.password}` })).error,
      ).toBe('CredentialsSignin');
    }
    const locked = await signInOverHttp(app.url, user);
    expect(locked.session).toBeNull();
    expect(locked.error).toBe('Too many wrong passwords for this account; try again in 15 minutes.');
    // Others are not affected.
    expect((await signInOverHttp(app.url, await newUser())).session).not.toBeNull();
  });

  it('locks a client that guesses across accounts after 20 failures, and only that client', async () => {
    const guesser = { 'x-forwarded-for': '198.51.100.7' };
    for (let i = 0; i < 20; i++) {
      await signInOverHttp(app.url, { email: `nobody-${i}-${userCounter}@example.test`, password: 'guess' }, guesser);
    }
    const user = await newUser();
    const refused = await signInOverHttp(app.url, user, guesser);
    expect(refused.error).toBe('Too many failed sign-ins from your address; try again in 15 minutes.');
    expect((await signInOverHttp(app.url, user, { 'x-forwarded-for': '198.51.100.8' })).session).not.toBeNull();
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated API mutation from another site, accepts it from this one', async () => {
    const { session } = await signInOverHttp(app.url, await newUser('admin'));
    const feature = await createFeature('csrf');
    const url = `${app.url}/api/v1/features/${feature}/slos?dryRun=true`;
    const document = await (await fetch(url, { headers: { cookie: session! } })).text();
    const put = (headers: Record<string, string>) =>
      fetch(url, {
        method: 'PUT',
        headers: { cookie: session!, 'content-type': 'application/json', ...headers },
        body: document,
      });

    const crossSite = await put({ origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({
      error: { message: 'Cross-site request refused: Origin https://evil.example is not this site.' },
    });
    expect((await put({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await put({ origin: 'null' })).status).toBe(403);
    expect((await put({ origin: app.url, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });
});

describe('API keys', () => {
  it('are stored only as a SHA-256 hash, and the keys page never shows them again', async () => {
    const { id, key, prefix } = await newKey(['read']);
    const { db } = await testDatabase();
    const [stored] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
    const row = JSON.stringify(stored);
    expect(row).not.toContain(key);
    expect(row).not.toContain(key.slice(10)); // not even the part after the prefix shown in lists
    expect(stored.hash).toBe(createHash('sha256').update(key).digest('hex'));

    const { session } = await signInOverHttp(app.url, await newUser('admin'));
    const page = await (await fetch(`${app.url}/settings/keys`, { headers: { cookie: session! } })).text();
    expect(page).toContain(prefix);
    expect(page).not.toContain(key);
  });

  it('are refused at once after revocation, and an open switch stream made with one is closed', async () => {
    const { id, key } = await newKey(['switches:read']);
    const auth = { authorization: `Bearer ${key}` };
    expect((await fetch(`${app.url}/api/v1/switches`, { headers: auth })).status).toBe(200);
    const abort = new AbortController();
    const stream = new SseReader(
      await fetch(`${app.url}/api/v1/switches/stream`, { headers: auth, signal: abort.signal }),
    );
    try {
      expect((await stream.next()).event).toBe('snapshot');
      // Revoked from this process, as another instance (or the CLI) would: the app hears of it
      // through the database, not through its own revocation path.
      const { db } = await testDatabase();
      await revokeApiKeyById(db, id, actor);
      const revokedAt = performance.now();
      expect((await fetch(`${app.url}/api/v1/switches`, { headers: auth })).status).toBe(401);
      // Heartbeats are comments, not events: next() only returns once the stream ends.
      await expect(stream.next(3_000)).rejects.toThrow('The stream ended.');
      const closedAfter = performance.now() - revokedAt;
      console.log(`switch stream closed ${closedAfter.toFixed(0)} ms after the key was revoked`);
      expect(closedAfter).toBeLessThan(2_500);
      const reconnect = await fetch(`${app.url}/api/v1/switches/stream`, { headers: auth });
      expect(reconnect.status).toBe(401);
      expect(await reconnect.json()).toMatchObject({
        error: { message: 'The API key is not valid or has been revoked.' },
      });
    } finally {
      abort.abort();
    }
  });
});

describe('the SDK', () => {
  it('is cut off when its key is revoked: its stream ends, the reconnect is refused, and it says why', async () => {
    const { id, key } = await newKey(['switches:read']);
    const warnings: string[] = [];
    const sb = createSwitchboard({
      baseUrl: app.url,
      apiKey: key,
      logger: { warn: (message: string) => warnings.push(message) },
    });
    try {
      expect(await sb.ready()).toBe(true);
      expect(sb.stats().switchError).toBeFalsy();
      await revokeApiKeyById((await testDatabase()).db, id, actor);
      await until(
        () => warnings.some((w) => w.includes('refused the API key')),
        8_000,
        'the SDK to report the refused key',
      );
      expect(sb.stats().switchError).toBe('HTTP 401');
    } finally {
      await sb.close();
    }
  });
});

describe('logs', () => {
  it('hold no password, API key or raw PII after sign-ins, key use and ingestion of calls with PII', async () => {
    const pii = {
      email: `jane.roe.${userCounter}@customer-mail.example`,
      phone: '+44 20 7946 0958',
      card: '4111 1111 1111 1111',
      iban: 'DE89 3704 0044 0532 0130 00',
      ip: '203.0.113.77',
      providerKey: `sk-proj-${randomBytes(24).toString('base64url')}`,
    };
    secrets.push(...Object.values(pii));
    const { key } = await newKey(['ingest']);
    const feature = await createFeature('sec-logs');
    const prompt = `Customer ${pii.email} (${pii.phone}, from ${pii.ip}) paid with ${pii.card}, refund to ${pii.iban}; key ${pii.providerKey}`;
    const post = (body: unknown) =>
      fetch(`${app.url}/api/v1/calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (
        await post({
          calls: [testCall({ feature, prompt, completion: `Sure, ${pii.email}`, metadata: { email: pii.email } })],
        })
      ).status,
    ).toBe(200);
    // Invalid calls whose bad fields hold PII: the error answers and any log must not echo them.
    const invalid = await post({
      calls: [testCall({ feature, latencyMs: pii.email, model: pii.card }), testCall({ feature, prompt })],
    });
    expect(invalid.status).toBe(207);
    expect((await post({ calls: [testCall({ feature, [pii.email]: pii.phone })] })).status).toBe(400);
    // A wrong key, a garbage body and a sign-in with an unknown e-mail.
    expect(
      (
        await fetch(`${app.url}/api/v1/calls`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}x` },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    expect((await post(`{"calls": [${pii.card}`)).status).toBe(400);
    await signInOverHttp(app.url, { email: pii.email, password: pii.providerKey });

    await new Promise((r) => setTimeout(r, 500)); // let the server flush what it prints
    const output = app.output();
    expect(output.length).toBeGreaterThan(0);
    console.log(
      `checked ${output.split('\n').length} lines of server output for ${secrets.length} secrets and PII values`,
    );
    const leaked = secrets.filter((s) => output.includes(s) || output.includes(s.replaceAll(' ', '')));
    expect(leaked, output.slice(-4000)).toEqual([]);
    if (process.env.SHOW_SERVER_OUTPUT) console.log(output);
  });
});
