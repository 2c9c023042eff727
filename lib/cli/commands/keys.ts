import { z } from 'zod';
import { listApiKeys } from '@/db/queries/api-keys';
import { createApiKey, revokeApiKeyById } from '@/lib/api-keys/manage';
import { SCOPE_DESCRIPTIONS, SCOPES } from '@/lib/auth/roles';
import { NewApiKeySchema, RevokeApiKeySchema } from '@/lib/validations/api-key';
import { defineCommand } from '../command';
import { cliActor, withDatabase } from '../database';
import { formatWhen } from '@/lib/format/time';
import { formatTable } from '../table';

const SCOPES_HELP = `Scopes:\n${SCOPES.map((s) => `  ${s.padEnd(16)}${SCOPE_DESCRIPTIONS[s]}`).join('\n')}`;

export const keysCreate = defineCommand({
  path: ['keys', 'create'],
  summary: 'Creates an API key and prints it alone on the last line of standard output (it is shown only this once).',
  usage: '--name N --scopes S1,S2',
  help: [
    SCOPES_HELP,
    'Example: KEY=$(npx switchboard keys create --name checkout-app --scopes ingest,switches:read | tail -1)',
  ],
  options: {
    name: { type: 'string', value: 'N', description: 'What the key is for, e.g. the application that uses it.' },
    scopes: { type: 'string', value: 'S1,S2', description: 'Comma-separated scopes (see below).' },
  },
  required: ['name', 'scopes'],
  schema: z.object({
    name: NewApiKeySchema.shape.name,
    scopes: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(NewApiKeySchema.shape.scopes),
  }),
  async run(input) {
    await withDatabase(async ({ db }) => {
      const { id, key } = await createApiKey(db, input, cliActor());
      // The explanation goes to stderr so that standard output is the key alone.
      console.error(
        `Created API key ${id} "${input.name}" with scopes ${input.scopes.join(', ')}. Store it now: it is not shown again.`,
      );
      console.log(key);
    });
  },
});

export const keysList = defineCommand({
  path: ['keys', 'list'],
  summary: 'Lists API keys (their first characters only: the keys themselves are never stored).',
  options: {},
  schema: z.object({}),
  async run() {
    await withDatabase(async ({ db }) => {
      const keys = await listApiKeys(db);
      if (!keys.length) {
        console.log('No API keys yet. Create one with: npx switchboard keys create --name N --scopes ingest');
        return;
      }
      const rows = keys.map((k) => [
        String(k.id),
        k.name,
        `${k.prefix}…`,
        k.scopes.join(','),
        formatWhen(k.createdAt),
        formatWhen(k.lastUsedAt),
        k.revokedAt ? `revoked ${formatWhen(k.revokedAt)}` : 'active',
      ]);
      console.log(formatTable(['ID', 'NAME', 'KEY', 'SCOPES', 'CREATED', 'LAST USED', 'STATE'], rows));
    });
  },
});

export const keysRevoke = defineCommand({
  path: ['keys', 'revoke'],
  summary: 'Revokes an API key: requests with it are refused from now on.',
  usage: '--id N',
  help: ['Find the id with `npx switchboard keys list`.'],
  options: { id: { type: 'string', value: 'N', description: "The key's id." } },
  required: ['id'],
  schema: RevokeApiKeySchema,
  async run(input) {
    await withDatabase(async ({ db }) => {
      const key = await revokeApiKeyById(db, input.id, cliActor());
      console.log(`Revoked API key ${key.id} "${key.name}" (${key.prefix}…): requests with it now get 401.`);
    });
  },
});
