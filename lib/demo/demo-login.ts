// The demo's admin account: created with a random password when nobody configured an admin, kept
// in <data dir>/demo-login.txt (readable by the owner only) and printed on every start.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@/db';
import { countUsers, findUserByEmail } from '@/db/queries/users';
import { verifyPassword } from '@/lib/auth/password';
import { createUser } from '@/lib/users/manage';

export const DEMO_ADMIN_EMAIL = 'admin@switchboard.local';

export interface DemoLogin {
  email: string;
  password: string;
}

export const demoLoginPath = (dataDir: string) => path.join(dataDir, 'demo-login.txt');

function writeDemoLogin(file: string, login: DemoLogin): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = [
    '# Switchboard demo login, created on first start. Change the password under Settings and delete this file.',
    `email=${login.email}`,
    `password=${login.password}`,
    '',
  ].join('\n');
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // in case the file already existed with a wider mode
}

export function readDemoLogin(file: string): DemoLogin | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const value = (key: string) => text.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1]?.trim();
  const email = value('email');
  const password = value('password');
  return email && password ? { email, password } : null;
}

/**
 * Creates the demo admin when the instance has no users yet, then returns the login from the file
 * if it still works (null once someone changed the password or removed the account).
 */
export async function ensureDemoLogin(db: Db, dataDir: string): Promise<DemoLogin | null> {
  const file = demoLoginPath(dataDir);
  if ((await countUsers(db)) === 0) {
    const login = { email: DEMO_ADMIN_EMAIL, password: randomBytes(12).toString('base64url') };
    writeDemoLogin(file, login); // first: a crash after creating the user must not lose the password
    await createUser(db, { ...login, role: 'admin' }, { id: 'system', label: 'demo setup' });
  }
  const login = readDemoLogin(file);
  if (!login) return null;
  const user = await findUserByEmail(db, login.email);
  if (!user || user.disabledAt || !(await verifyPassword(login.password, user.passwordHash))) return null;
  return login;
}

export function demoLoginBanner(login: DemoLogin, url: string, file: string): string {
  const lines = [`Log in at ${url} as ${login.email} / ${login.password}`, `(saved in ${file})`];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const rule = '='.repeat(width);
  return ['', rule, '  Switchboard demo', ...lines.map((l) => `  ${l}`), rule, ''].join('\n');
}
