// The `switchboard` CLI as a user runs it: a real process against the test database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '@/db/lock';
import { findActiveApiKeyByHash } from '@/db/queries/api-keys';
import { findUserByEmail } from '@/db/queries/users';
import { apiKeys, auditLog } from '@/db/schema';
import { hashApiKey } from '@/lib/api-keys/token';
import { verifyPassword } from '@/lib/auth/password';
import { testDatabase } from '../support/system';
import { runCli } from '../support/cli';

const unique = (label: string) =>
  `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;

describe('switchboard users', () => {
  it('creates a user who can sign in, audited as the CLI', async () => {
    const email = unique('cli-admin');
    const res = await runCli([
      'users',
      'create',
      '--email',
      email,
      '--password',
      'a long cli password',
      '--role',
      'admin',
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Created admin ${email}`);

    const { db } = await testDatabase();
    const user = await findUserByEmail(db, email);
    expect(user?.role).toBe('admin');
    expect(await verifyPassword('a long cli password', user!.passwordHash)).toBe(true);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.create'), eq(auditLog.targetId, String(user!.id))));
    expect(audit.actor).toBe('cli');
    expect(audit.actorLabel).toMatch(/^cli \(.+@.+\)$/);
    expect(JSON.stringify(audit)).not.toContain('a long cli password');

    const list = await runCli(['users', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${email.replace(/[.]/g, '\\.')}\\s+admin\\s+active`));
  });

  it('takes the password from stdin or SWITCHBOARD_PASSWORD, so it stays out of shell history', async () => {
    const { db } = await testDatabase();
    const fromStdin = unique('stdin');
    const a = await runCli(['users', 'create', '--email', fromStdin, '--role', 'viewer', '--password-stdin'], {
      stdin: 'piped password\n',
    });
    expect(a.code).toBe(0);
    expect(await verifyPassword('piped password', (await findUserByEmail(db, fromStdin))!.passwordHash)).toBe(true);

    const fromEnv = unique('env');
    const b = await runCli(['users', 'create', '--email', fromEnv, '--role', 'responder'], {
      env: { SWITCHBOARD_PASSWORD: 'password from env' },
    });
    expect(b.code).toBe(0);
    expect(await verifyPassword('password from env', (await findUserByEmail(db, fromEnv))!.passwordHash)).toBe(true);
  });

  it('refuses a duplicate e-mail clearly (any case) and keeps the first user', async () => {
    const email = unique('dup');
    expect(
      (await runCli(['users', 'create', '--email', email, '--password', 'first password', '--role', 'viewer'])).code,
    ).toBe(0);
    const again = await runCli([
      'users',
      'create',
      '--email',
      email.toUpperCase(),
      '--password',
      'second password',
      '--role',
      'admin',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`A user with the e-mail ${email.toUpperCase()} already exists.`);
    const user = await findUserByEmail((await testDatabase()).db, email);
    expect(user?.role).toBe('viewer');
    expect(await verifyPassword('first password', user!.passwordHash)).toBe(true);
  });

  it('answers bad arguments with exit code 2, what is wrong and the usage, and stores nothing', async () => {
    const email = 'not-an-email';
    const res = await runCli(['users', 'create', '--email', email, '--password', 'short', '--role', 'boss']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--email: Enter a valid e-mail address.');
    expect(res.stderr).toContain('--role: Role must be one of viewer, responder, admin.');
    expect(res.stderr).toContain('Usage: switchboard users create');
    expect(await findUserByEmail((await testDatabase()).db, email)).toBeUndefined();

    const weak = await runCli([
      'users',
      'create',
      '--email',
      unique('weak'),
      '--password',
      'short',
      '--role',
      'viewer',
    ]);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('Use at least 8 characters.');

    const noPassword = await runCli(['users', 'create', '--email', unique('nopw'), '--role', 'viewer']);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('Missing password');

    for (const args of [['users'], ['users', 'frobnicate'], ['frobnicate'], ['keys', 'list', '--all'], []]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    }
  });

  it('tells when the database cannot be reached', async () => {
    const res = await runCli(['users', 'list'], { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' } });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Cannot reach the Postgres server at 127.0.0.1:1/none');
  });
});

describe('switchboard keys', () => {
  it('prints the new key alone on the last line; the guard accepts it until it is revoked', async () => {
    const name = `cli-key-${Date.now()}`;
    const res = await runCli(['keys', 'create', '--name', name, '--scopes', 'ingest,read']);
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    const key = lines.at(-1)!;
    expect(lines).toHaveLength(1); // `KEY=$(… | tail -1)` and `KEY=$(…)` both work
    expect(key).toMatch(/^sb_[A-Za-z0-9_-]{32}$/);
    expect(res.stderr).toContain('not shown again');

    const { db } = await testDatabase();
    const stored = await findActiveApiKeyByHash(db, hashApiKey(key)); // the guard's own lookup
    expect(stored).toMatchObject({ name, scopes: ['ingest', 'read'] });
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, stored!.id));
    expect(row.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key); // only the hash and a short prefix are stored

    const list = await runCli(['keys', 'list']);
    expect(list.stdout).toContain(`${key.slice(0, 10)}…`);
    expect(list.stdout).not.toContain(key);

    const revoke = await runCli(['keys', 'revoke', '--id', String(stored!.id)]);
    expect(revoke.code).toBe(0);
    expect(await findActiveApiKeyByHash(db, hashApiKey(key))).toBeUndefined();
    const again = await runCli(['keys', 'revoke', '--id', String(stored!.id)]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`There is no active API key with id ${stored!.id}.`);
  });

  it('refuses unknown scopes with exit code 2 and creates nothing', async () => {
    const name = `bad-scope-${Date.now()}`;
    const res = await runCli(['keys', 'create', '--name', name, '--scopes', 'ingest,everything']);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('--scopes: Each scope must be one of ingest, switches:read');
    const rows = await (await testDatabase()).db.select().from(apiKeys).where(eq(apiKeys.name, name));
    expect(rows).toHaveLength(0);
  });
});

describe('switchboard migrate', () => {
  it('reports an up-to-date database', async () => {
    const res = await runCli(['migrate']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/is up to date \(\d+ migrations applied\)/);
  });

  it('refuses an embedded data folder that another process holds, naming that process', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-lock-'));
    const release = lockDataDir(dataDir);
    try {
      const res = await runCli(['migrate'], { env: { DATABASE_URL: '', SWITCHBOARD_DATA_DIR: dataDir } });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`The embedded database in ${dataDir} is in use by process ${process.pid}`);
      expect(res.stderr).toContain('stop that process first');
      expect(fs.existsSync(path.join(dataDir, 'pgdata'))).toBe(false); // it never opened the folder
    } finally {
      release();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
