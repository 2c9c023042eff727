import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { settings } from '../schema';

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

/** Stores `value` unless the key already has one; returns the value in force. */
export async function getOrCreateSetting(db: Db, key: string, create: () => string): Promise<string> {
  await db.insert(settings).values({ key, value: create() }).onConflictDoNothing();
  return (await getSetting(db, key))!;
}
