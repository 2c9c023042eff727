import { and, count, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { users } from '../schema';
import type { Role } from '@/lib/auth/roles';

export interface UserRow {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  passwordHash: string;
  disabledAt: Date | null;
  createdAt: Date;
}

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  passwordHash: users.passwordHash,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row;
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select(columns).from(users).where(eq(users.id, id));
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row.n;
}

export async function listUsers(db: Db): Promise<Omit<UserRow, 'passwordHash'>[]> {
  const { passwordHash: _omit, ...rest } = columns;
  return db.select(rest).from(users).orderBy(users.email);
}

export async function insertUser(
  db: Db,
  values: { email: string; passwordHash: string; role: Role; name?: string | null },
): Promise<{ id: number }> {
  const [row] = await db
    .insert(users)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning({ id: users.id });
  return row;
}

/** Active (not disabled) admins, leaving out `exceptId`: the instance must always keep one. */
export async function countActiveAdmins(db: Db, exceptId?: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), exceptId ? ne(users.id, exceptId) : undefined));
  return row.n;
}

export async function updateUserRole(db: Db, id: number, role: Role): Promise<void> {
  await db.update(users).set({ role }).where(eq(users.id, id));
}

export async function setUserDisabledAt(db: Db, id: number, disabledAt: Date | null): Promise<void> {
  await db.update(users).set({ disabledAt }).where(eq(users.id, id));
}

export async function updateUserPassword(db: Db, id: number, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
}

/**
 * Serialises changes to roles and accounts within a transaction, so that two admins demoting
 * each other at the same moment cannot leave the instance without one.
 */
export async function lockUserChanges(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727003)`);
}
