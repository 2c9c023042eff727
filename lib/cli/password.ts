// Where `users create` and `users set-password` take the password from. --password lands in the
// shell history, so --password-stdin and SWITCHBOARD_PASSWORD are offered as well.
import { z } from 'zod';
import { env } from '@/lib/env';
import { PasswordSchema } from '@/lib/validations/user';
import { UsageError, type OptionSpec } from './command';

export const passwordOptions: Record<string, OptionSpec> = {
  password: {
    type: 'string',
    value: 'P',
    description: 'The password (at least 8 characters). Ends up in your shell history: prefer the next two.',
  },
  'password-stdin': {
    type: 'boolean',
    description: 'Read the password from standard input (e.g. from a file or a secrets manager).',
  },
};

export const passwordFields = { password: z.string().optional(), 'password-stdin': z.boolean().optional() };

export const PASSWORD_HELP =
  'The password comes from --password, or --password-stdin, or else the SWITCHBOARD_PASSWORD environment variable.';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Type the password, then press Enter and Ctrl-D:\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function resolvePassword(input: { password?: string; 'password-stdin'?: boolean }): Promise<string> {
  if (input.password !== undefined && input['password-stdin']) {
    throw new UsageError('Give the password one way: --password or --password-stdin, not both.');
  }
  const password = input['password-stdin'] ? await readStdin() : (input.password ?? env.SWITCHBOARD_PASSWORD);
  if (password === undefined) {
    throw new UsageError('Missing password: give --password P or --password-stdin, or set SWITCHBOARD_PASSWORD.');
  }
  const checked = PasswordSchema.safeParse(password);
  if (!checked.success) throw new UsageError(`The password is not accepted: ${checked.error.issues[0].message}`);
  return checked.data;
}
