import { describe, expect, it } from 'vitest';
import { formatCommandHelp, parseCommandArgs, UsageError } from '@/lib/cli/command';
import { keysCreate, keysRevoke } from '@/lib/cli/commands/keys';
import { start } from '@/lib/cli/commands/start';
import { usersCreate } from '@/lib/cli/commands/users';

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('CLI argument parsing', () => {
  it('splits, trims and de-duplicates scopes', () => {
    expect(parseCommandArgs(keysCreate, ['--name', ' ci ', '--scopes', 'ingest, read,ingest'])).toEqual({
      name: 'ci',
      scopes: ['ingest', 'read'],
    });
  });

  it('names each wrong option with the shared schema message', () => {
    const message = usageMessage(() => parseCommandArgs(usersCreate, ['--email', 'nope', '--role', 'boss']));
    expect(message).toContain('--email: Enter a valid e-mail address.');
    expect(message).toContain('--role: Role must be one of viewer, responder, admin.');
  });

  it('says which options are missing before validating values', () => {
    expect(usageMessage(() => parseCommandArgs(keysCreate, ['--name', 'x']))).toBe('Missing --scopes.');
  });

  it('refuses unknown scopes, unknown options, stray arguments and options without a value', () => {
    expect(usageMessage(() => parseCommandArgs(keysCreate, ['--name', 'x', '--scopes', 'ingest,admin']))).toMatch(
      /^--scopes: Each scope must be one of/,
    );
    expect(usageMessage(() => parseCommandArgs(keysCreate, ['--name', 'x', '--scopes', 'read', '--force']))).toBe(
      'Unknown option --force.',
    );
    expect(usageMessage(() => parseCommandArgs(keysCreate, ['stray']))).toMatch(/^Unexpected argument "stray"/);
    expect(usageMessage(() => parseCommandArgs(keysCreate, ['--name']))).toBe('--name needs a value.');
  });

  it('checks numbers', () => {
    expect(parseCommandArgs(keysRevoke, ['--id', '12'])).toEqual({ id: 12 });
    expect(usageMessage(() => parseCommandArgs(keysRevoke, ['--id', 'twelve']))).toBe(
      '--id: Must be a key id (a number).',
    );
    expect(usageMessage(() => parseCommandArgs(start, ['--port', '70000']))).toBe('--port: Must be 1–65535.');
    expect(parseCommandArgs(start, ['-p', '4000'])).toEqual({ port: 4000 });
  });

  it('answers --help with the command help, which lists every option', () => {
    expect(parseCommandArgs(usersCreate, ['--email', 'x', '--help'])).toBe('help');
    const help = formatCommandHelp(keysCreate);
    expect(help).toMatch(/^Usage: switchboard keys create --name N --scopes S1,S2/);
    for (const text of ['--name N', '--scopes S1,S2', '-h, --help', 'switches:write', 'tail -1'])
      expect(help).toContain(text);
  });
});
