// The first-start demo against its own fresh database (the shared test database has features).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seedModelPrices } from '@/db/seed/model-prices';
import { listAudit } from '@/db/queries/audit';
import { listEvalRuns } from '@/db/queries/eval-runs';
import { findFeature } from '@/db/queries/features';
import { getOverview } from '@/lib/overview/overview';
import { countUsers, findUserByEmail } from '@/db/queries/users';
import { hashPassword } from '@/lib/auth/password';
import { prepareDemo } from '@/lib/demo';
import { DEMO_ADMIN_EMAIL, demoLoginPath, readDemoLogin } from '@/lib/demo/demo-login';
import { seedDemoIfEmpty } from '@/lib/demo/seed';
import { users } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../support/test-database';

describe('the first-start demo', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let dataDir: string;
  const logs: string[] = [];
  const prepare = (adminFromEnv: boolean) =>
    prepareDemo(database, {
      adminFromEnv,
      dataDir,
      url: 'http://localhost:3999',
      demo: { scale: 0.05 },
      log: (l) => logs.push(l),
    });

  beforeAll(async () => {
    const created = await createTestDatabase('switchboard_demo');
    drop = created.drop;
    database = await openDatabase({ url: created.url, max: 2 });
    await migrateDatabase(database);
    await seedModelPrices(database.db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-demo-'));
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates nothing random when the admin comes from the environment', async () => {
    await prepare(true);
    expect(await countUsers(database.db)).toBe(0);
    expect(fs.existsSync(demoLoginPath(dataDir))).toBe(false);
    expect(logs.some((l) => l.includes('Log in at'))).toBe(false);
  });

  it('seeded the month with its incidents the first time, and never again', async () => {
    const overview = await getOverview(database.db, { now: new Date() });
    expect(overview.features.map((f) => f.key).sort()).toEqual([
      'entitlement-check',
      'moderation',
      'search-rerank',
      'summarizer',
      'support-agent',
    ]);
    expect(overview.features[0]).toMatchObject({ key: 'support-agent', status: 'killed' });
    expect(overview.features[0].switch.reason).toContain('INC-4127');
    expect(overview.features.every((f) => f.calls > 0 && f.costUsd > 0)).toBe(true);
    // Every demo feature has SLOs, evaluated over the seeded month.
    expect(overview.features.every((f) => f.slos.length > 0)).toBe(true);
    expect(
      overview.features
        .find((f) => f.key === 'moderation')!
        .slos.map((s) => s.name)
        .sort(),
    ).toEqual(['fast', 'primary-up']);
    // Two weeks of nightly eval runs of the support agent, one of them the baseline, read by its accuracy SLO.
    const support = overview.features.find((f) => f.key === 'support-agent')!;
    const runs = await listEvalRuns(database.db, {
      featureId: (await findFeature(database.db, 'support-agent'))!.id,
      limit: 50,
    });
    expect(runs).toHaveLength(14);
    expect(runs.filter((r) => r.isBaseline).map((r) => [r.promptVersion, r.passRate >= 0.9])).toEqual([
      ['support-v12', true],
    ]);
    expect(runs.some((r) => r.promptVersion === 'support-v13' && r.passRate < 0.9)).toBe(true);
    expect(support.slos.find((s) => s.name === 'passes-evals')?.compliance).toBeGreaterThan(0.85);
    const flips = await listAudit(database.db, { targetType: 'switch', targetId: 'support-agent' });
    expect(flips.map((f) => (f.after as { killed: boolean }).killed)).toEqual([true, false, true]);
    expect(await seedDemoIfEmpty(database)).toBeNull();
  });

  it('otherwise creates the demo admin once, keeps the password in a private file and prints it', async () => {
    logs.length = 0;
    await prepare(false);
    const file = demoLoginPath(dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const login = readDemoLogin(file)!;
    expect(login.email).toBe(DEMO_ADMIN_EMAIL);
    expect(login.password.length).toBeGreaterThanOrEqual(16);
    expect((await findUserByEmail(database.db, DEMO_ADMIN_EMAIL))?.role).toBe('admin');
    expect(logs.join('\n')).toContain(`Log in at http://localhost:3999 as ${DEMO_ADMIN_EMAIL} / ${login.password}`);

    logs.length = 0;
    await prepare(false); // a second start: same account, same password, printed again
    expect(await countUsers(database.db)).toBe(1);
    expect(readDemoLogin(file)).toEqual(login);
    expect(logs.join('\n')).toContain(login.password);
  });

  it('stops printing the password once it no longer works', async () => {
    await database.db
      .update(users)
      .set({ passwordHash: await hashPassword('changed by the admin') })
      .where(eq(users.email, DEMO_ADMIN_EMAIL));
    logs.length = 0;
    await prepare(false);
    expect(logs.some((l) => l.includes('Log in at'))).toBe(false);
  });
});
