import { count, eq, sql } from 'drizzle-orm';
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
  const [row] = await db.select(columns).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
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
