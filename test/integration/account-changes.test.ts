// Role changes and disabling on their own fresh database, so that "the last admin" is known.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { findUserByEmail, findUserById } from '@/db/queries/users';
import { auditLog } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { changeUserRole, createUser, setUserDisabled } from '@/lib/users/manage';
import { createTestDatabase } from '../support/test-database';

const actor = { id: 'test', label: 'test' };

describe('account changes keep an admin', () => {
  let drop: () => Promise<void>;
  let database: Database;
  beforeAll(async () => {
    const created = await createTestDatabase('switchboard_accounts');
    drop = created.drop;
    database = await openDatabase({ url: created.url, max: 4 });
    await migrateDatabase(database);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const newUser = (email: string, role: 'viewer' | 'admin') =>
    createUser(database.db, { email, role, password: 'a long password' }, actor);

  it('refuses to demote or disable the only active admin, and says why', async () => {
    const { id } = await newUser('only-admin@example.test', 'admin');
    await expect(changeUserRole(database.db, { userId: id, role: 'viewer' }, { ...actor, userId: id })).rejects.toThrow(
      'Cannot make only-admin@example.test a viewer: no active admin would be left.',
    );
    await expect(setUserDisabled(database.db, { userId: id, disabled: true }, actor)).rejects.toMatchObject({
      status: 409,
      code: 'last_admin',
    });
    expect((await findUserById(database.db, id))?.role).toBe('admin');
  });

  it('lets an admin step down once another admin exists, and audits the change', async () => {
    const first = (await findUserByEmailOrThrow('only-admin@example.test')).id;
    const { id: second } = await newUser('second-admin@example.test', 'admin');
    const changed = await changeUserRole(
      database.db,
      { userId: first, role: 'responder' },
      { ...actor, userId: first },
    );
    expect(changed.role).toBe('responder');
    const entries = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(first)));
    expect(entries.find((e) => e.action === 'user.role_change')).toMatchObject({
      before: { role: 'admin' },
      after: { role: 'responder' },
    });
    // Now `second` is the last admin.
    await expect(changeUserRole(database.db, { userId: second, role: 'viewer' }, actor)).rejects.toBeInstanceOf(
      ApiError,
    );
  });

  it('refuses disabling yourself; a disabled admin does not count as an admin', async () => {
    const { id: viewer } = await newUser('viewer@example.test', 'viewer');
    await expect(
      setUserDisabled(database.db, { userId: viewer, disabled: true }, { ...actor, userId: viewer }),
    ).rejects.toThrow('You cannot disable your own account.');
    const { id: third } = await newUser('third-admin@example.test', 'admin');
    await setUserDisabled(database.db, { userId: third, disabled: true }, actor);
    const second = (await findUserByEmailOrThrow('second-admin@example.test')).id;
    await expect(setUserDisabled(database.db, { userId: second, disabled: true }, actor)).rejects.toMatchObject({
      code: 'last_admin',
    });
    const entries = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(third)));
    expect(entries.map((e) => e.action)).toContain('user.disable');
    await setUserDisabled(database.db, { userId: third, disabled: false }, actor);
    expect((await findUserById(database.db, third))?.disabledAt).toBeNull();
  });

  it('lets only one of two admins who demote each other at the same moment succeed', async () => {
    // Exactly two active admins now: second-admin and third-admin.
    const a = (await findUserByEmailOrThrow('second-admin@example.test')).id;
    const b = (await findUserByEmailOrThrow('third-admin@example.test')).id;
    const results = await Promise.allSettled([
      changeUserRole(database.db, { userId: a, role: 'viewer' }, actor),
      changeUserRole(database.db, { userId: b, role: 'viewer' }, actor),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const roles = [(await findUserById(database.db, a))?.role, (await findUserById(database.db, b))?.role];
    expect(roles.filter((r) => r === 'admin')).toHaveLength(1);
  });

  async function findUserByEmailOrThrow(email: string) {
    const user = await findUserByEmail(database.db, email);
    if (!user) throw new Error(`no ${email}`);
    return user;
  }
});
