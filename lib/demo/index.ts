// First-start demo: a login for whoever starts it and a month of traffic to look at.
import type { Database } from '@/db';
import { env } from '@/lib/env';
import { demoLoginBanner, demoLoginPath, ensureDemoLogin } from './demo-login';
import { seedDemoIfEmpty } from './seed';

/** Call after migrations when `demoEnabled()`; `adminFromEnv` says SWITCHBOARD_ADMIN_* is set. */
export async function prepareDemo(database: Database, options: { adminFromEnv: boolean }): Promise<void> {
  const login = options.adminFromEnv ? null : await ensureDemoLogin(database.db, env.SWITCHBOARD_DATA_DIR);
  const seeded = await seedDemoIfEmpty(database);
  if (seeded) console.log(`Seeded demo data: ${seeded.calls.toLocaleString('en-US')} calls over 30 days in ${(seeded.ms / 1000).toFixed(1)} s.`);
  if (login) {
    const url = env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).origin : `http://localhost:${env.PORT}`;
    console.log(demoLoginBanner(login, url, demoLoginPath(env.SWITCHBOARD_DATA_DIR)));
  }
}
