// Helpers for the flag-trigger tests: create a trigger over the API, read a switch as stored.
import { eq } from 'drizzle-orm';
import { features, killSwitches } from '@/db/schema';
import { baseUrl, testDatabase } from './system';

export interface CreatedTrigger {
  trigger: {
    id: number;
    name: string;
    action: string;
    restoreOnResolve: boolean;
    enabled: boolean;
    secretHint: string;
  };
  url: string;
}

export async function createTrigger(
  writeKey: string,
  feature: string,
  body: Record<string, unknown>,
): Promise<CreatedTrigger> {
  const res = await fetch(`${baseUrl()}/api/v1/features/${feature}/triggers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`creating a trigger: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedTrigger;
}

/** The URL the server answered, on the test server (the answer names the configured public URL). */
export const onTestServer = (url: string) => `${baseUrl()}${new URL(url).pathname}`;

export async function storedSwitch(
  feature: string,
): Promise<{ killed: boolean; reason: string | null; updatedBy: string | null } | undefined> {
  const { db } = await testDatabase();
  const [row] = await db
    .select({ killed: killSwitches.killed, reason: killSwitches.reason, updatedBy: killSwitches.updatedBy })
    .from(killSwitches)
    .innerJoin(features, eq(features.id, killSwitches.featureId))
    .where(eq(features.key, feature));
  return row;
}
