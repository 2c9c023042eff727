// First-start demo: a login for whoever starts it and a month of traffic to look at.
import type { Database } from '@/db';
import { demoLoginBanner, demoLoginPath, ensureDemoLogin } from './demo-login';
import { seedDemoIfEmpty } from './seed';
import type { DemoOptions } from './generate';

export interface PrepareDemoOptions {
  /** SWITCHBOARD_ADMIN_* is set: that admin is the way in, no demo account is made. */
  adminFromEnv: boolean;
  /** Where demo-login.txt lives (the embedded database's folder). */
  dataDir: string;
  /** The address to print in the login banner. */
  url: string;
  demo?: Partial<DemoOptions>;
  log?: (line: string) => void;
}

/** Call after migrations when `demoEnabled()`. */
export async function prepareDemo(database: Database, options: PrepareDemoOptions): Promise<void> {
  const log = options.log ?? console.log;
  const login = options.adminFromEnv ? null : await ensureDemoLogin(database.db, options.dataDir);
  const seeded = await seedDemoIfEmpty(database, options.demo);
  if (seeded)
    log(
      `Seeded demo data: ${seeded.calls.toLocaleString('en-US')} calls over 30 days in ${(seeded.ms / 1000).toFixed(1)} s.`,
    );
  if (login) log(demoLoginBanner(login, options.url, demoLoginPath(options.dataDir)));
}
