// API key inputs, shared by the settings form, its server actions and the CLI.
import { z } from 'zod';
import { SCOPES } from '@/lib/auth/roles';

export const NewApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Give the key a name.').max(100, 'Use at most 100 characters.'),
  scopes: z
    .array(z.enum(SCOPES, { message: `Each scope must be one of ${SCOPES.join(', ')}.` }))
    .min(1, 'Choose at least one scope.')
    .transform((s) => [...new Set(s)])
    // Anyone can read a key shipped in a browser bundle: it must not be able to do anything else.
    .refine(
      (s) => !s.includes('switches:public') || s.length === 1,
      'A switches:public key ships in browser code, where anyone can read it: give it no other scope.',
    ),
});
export type NewApiKey = z.infer<typeof NewApiKeySchema>;

export const RevokeApiKeySchema = z.object({
  id: z.coerce
    .number({ message: 'Must be a key id (a number).' })
    .int('Must be a whole number.')
    .positive('Must be a key id (a number).'),
});
